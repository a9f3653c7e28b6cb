/**
 * The LSTM recurrence as one op with a hand-written backward pass (backpropagation
 * through time). On tfjs-wasm a small op's bookkeeping costs more than its
 * arithmetic, and autograd taped about 130 kernels per step (transposes, identities,
 * casts and scalars included); written out, a step costs about 50 untaped ops, and
 * the kernel's gradient is one product over all steps instead of one per step.
 * recurrence.test.ts checks it against autograd through the same cell.
 */
import * as tf from '@tensorflow/tfjs';

export interface Steps {
  /** Per step (b × f): features appended to the step's input; one of them a constant 1 acts as the gates' bias. */
  feats: tf.Tensor2D[];
  /**
   * Per step (b × 1): 1 when what follows may read the step's event, 0 when not (the
   * next event is tied with it in time, or the step is padding). The read state
   * moves to the step's state only on 1.
   */
  advance: tf.Tensor2D[];
  /** 'each': the read state before every step, time-major (row s·b + q); 'last': the one after the last step (b × units). */
  read: 'each' | 'last';
}

/** tanh(x) = 2σ(2x) − 1: tfjs-wasm's tanh is about 10× slower than its sigmoid. */
function tanh(x: tf.Tensor2D, one: tf.Scalar, two: tf.Scalar): tf.Tensor2D {
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, two)), two), one);
}

/** Tensors the backward pass keeps per step: the gates i, f, g, o, the previous cell and tanh of the cell. */
const KEPT = 6;

/**
 * An LSTM over b sequences of t steps. Step s reads [x_s, feats_s, h_{s−1}] (b × k);
 * `w` (k × 4·units) holds the gates' kernels side by side: input, forget, cell,
 * output. Returns the read states (see Steps.read); differentiable in the x_s and w.
 */
export function lstmReads(xs: tf.Tensor2D[], w: tf.Tensor2D, steps: Steps): tf.Tensor2D {
  const t = xs.length;
  const [b, d] = xs[0].shape;
  const [k, four] = w.shape;
  const units = four / 4;
  const each = steps.read === 'each';
  const sigmoidGate = (x: tf.Tensor2D, wg: tf.Tensor2D): tf.Tensor2D => tf.sigmoid(tf.matMul(x, wg)) as tf.Tensor2D;

  const forward = (...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = inputs.slice(0, t) as tf.Tensor2D[];
    const kernel = inputs[t] as tf.Tensor2D;
    const save = inputs[t + 1] as tf.GradSaveFunc;
    // Tensors made outside the forward pass's tidy are gone by the backward pass: each makes its own.
    const one = tf.scalar(1);
    const two = tf.scalar(2);
    const [wi, wf, wg, wo] = [0, 1, 2, 3].map((g) => tf.slice(kernel, [0, g * units], [k, units]));
    const kept: tf.Tensor2D[] = [];
    const xhs: tf.Tensor2D[] = [];
    const reads: tf.Tensor2D[] = [];
    let h = tf.zeros([b, units]) as tf.Tensor2D;
    let c = h;
    let r = h;
    for (let s = 0; s < t; s++) {
      if (each) reads.push(r);
      const xh = tf.concat([x[s], steps.feats[s], h], 1) as tf.Tensor2D;
      const i = sigmoidGate(xh, wi);
      const f = sigmoidGate(xh, wf);
      const g = tanh(tf.matMul(xh, wg), one, two);
      const o = sigmoidGate(xh, wo);
      const cPrev = c;
      c = tf.add(tf.mul(f, cPrev), tf.mul(i, g));
      const tc = tanh(c, one, two);
      h = tf.mul(o, tc);
      kept.push(i, f, g, o, cPrev, tc);
      xhs.push(xh);
      if (!each || s < t - 1) r = tf.add<tf.Tensor2D>(r, tf.mul(steps.advance[s], tf.sub(h, r)));
    }

    // What the backward pass reads survives this op's tidy only through save(), which copies it.
    save([...kept, tf.concat(xhs, 0)]);

    const gradFunc = (dy: tf.Tensor2D, saved: tf.Tensor[]): tf.Tensor[] => {
      const one = tf.scalar(1);
      const wT = tf.transpose(kernel);
      const wxT = tf.slice(wT, [0, 0], [four, d]);
      const whT = tf.slice(wT, [0, k - units], [four, units]);
      // Each step's rows of a time-major dy, by a one-hot product: tfjs-wasm's slice copies the whole input each time.
      const dyByStep = each ? tf.reshape(dy, [t, b * units]) : null;
      let dh = tf.zeros([b, units]) as tf.Tensor2D;
      let dc = dh;
      let dr = each ? dh : dy;
      const dx: tf.Tensor2D[] = new Array(t);
      const dz: tf.Tensor2D[] = new Array(t);
      const gateGrad = (dGate: tf.Tensor2D, gate: tf.Tensor2D) => tf.mul(dGate, tf.mul(gate, tf.sub(one, gate)));
      for (let s = t - 1; s >= 0; s--) {
        const [i, f, g, o, cPrev, tc] = saved.slice(s * KEPT, (s + 1) * KEPT) as tf.Tensor2D[];
        // r_{s+1} = r_s + a_s·(h_s − r_s)
        const toH = tf.mul(steps.advance[s], dr);
        dh = tf.add(dh, toH);
        dr = tf.sub(dr, toH);
        if (dyByStep) dr = tf.add(dr, tf.reshape(tf.matMul(tf.oneHot(tf.tensor1d([s], 'int32'), t).toFloat(), dyByStep), [b, units]));
        dc = tf.add(dc, tf.mul(tf.mul(dh, o), tf.sub(one, tf.square(tc))));
        const dzs = [
          gateGrad(tf.mul(dc, g), i),
          gateGrad(tf.mul(dc, cPrev), f),
          tf.mul(tf.mul(dc, i), tf.sub(one, tf.square(g))),
          gateGrad(tf.mul(dh, tc), o),
        ];
        dz[s] = tf.concat(dzs, 1) as tf.Tensor2D;
        dx[s] = tf.matMul(dz[s], wxT);
        dh = tf.matMul(dz[s], whT);
        dc = tf.mul(dc, f);
      }
      const dw = tf.matMul(tf.transpose(saved[t * KEPT]), tf.concat(dz, 0));
      return [...dx, dw];
    };
    return { value: each ? (tf.concat(reads, 0) as tf.Tensor2D) : r, gradFunc };
  };
  return tf.customGrad(forward)(...xs, w) as tf.Tensor2D;
}
