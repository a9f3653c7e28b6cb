;; SVD's SGD epoch (svd.ts, SVD.epoch) in WebAssembly with 128-bit SIMD: two doubles
;; per instruction where V8 emits one, and no bounds check per element. The arithmetic
;; is the JS loop's, operation for operation (wasm has no fused multiply-add, and the
;; dot product keeps the same four partial sums, here as the lanes of two vectors), so
;; both give the same bits. Pointers are byte offsets into the memory, which the JS
;; side lays out and grows once before the first epoch.
;; `npm run build:wasm` assembles this file into svdKernel.wasm.ts.
(module
  (memory (export "memory") 0)

  ;; a[0..k)·b[0..k): partial sums (d0, d1) and (d2, d3) over quads, the tail into d0,
  ;; then d0 + d1 + (d2 + d3), as dotRows.
  (func $dot (param $a i32) (param $b i32) (param $k i32) (result f64)
    (local $end i32) (local $s01 v128) (local $s23 v128) (local $d0 f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $a) (i32.const 32)) (local.get $end)))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $quads)))
    (local.set $d0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tail)))
    (f64.add
      (f64.add (local.get $d0) (f64x2.extract_lane 1 (local.get $s01)))
      (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))

  ;; p ← keepP·p + stepP·q and q ← keepQ·q + stepQ·p, both from the old values, as stepRows.
  (func $step (param $p i32) (param $q i32) (param $k i32) (param $keepP f64) (param $stepP f64) (param $keepQ f64) (param $stepQ f64)
    (local $end i32) (local $pv v128) (local $qv v128) (local $p0 f64) (local $q0 f64)
    (local $kp v128) (local $sp v128) (local $kq v128) (local $sq v128)
    (local.set $kp (f64x2.splat (local.get $keepP)))
    (local.set $sp (f64x2.splat (local.get $stepP)))
    (local.set $kq (f64x2.splat (local.get $keepQ)))
    (local.set $sq (f64x2.splat (local.get $stepQ)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 3))))
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $pv (v128.load (local.get $p)))
        (local.set $qv (v128.load (local.get $q)))
        (v128.store (local.get $p) (f64x2.add (f64x2.mul (local.get $kp) (local.get $pv)) (f64x2.mul (local.get $sp) (local.get $qv))))
        (v128.store (local.get $q) (f64x2.add (f64x2.mul (local.get $kq) (local.get $qv)) (f64x2.mul (local.get $sq) (local.get $pv))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (local.set $p0 (f64.load (local.get $p)))
        (local.set $q0 (f64.load (local.get $q)))
        (f64.store (local.get $p) (f64.add (f64.mul (local.get $keepP) (local.get $p0)) (f64.mul (local.get $stepP) (local.get $q0))))
        (f64.store (local.get $q) (f64.add (f64.mul (local.get $keepQ) (local.get $q0)) (f64.mul (local.get $stepQ) (local.get $p0)))))))

  ;; One pass over every rating, user by user (urStart: i32 × (nUsers + 1), urItem: i32,
  ;; urRating: f64; bu, bi: f64; pu, qi: f64 rows of k), as SVD.epoch.
  (func (export "svdEpoch")
    (param $nUsers i32) (param $k i32)
    (param $urStart i32) (param $urItem i32) (param $urRating i32)
    (param $bu i32) (param $bi i32) (param $pu i32) (param $qi i32)
    (param $mean f64) (param $biased i32)
    (param $lrBu f64) (param $lrBi f64) (param $regBu f64) (param $regBi f64)
    (param $keepP f64) (param $lrPu f64) (param $keepQ f64) (param $lrQi f64)
    (local $u i32) (local $r i32) (local $end i32) (local $row i32) (local $pOff i32) (local $qOff i32)
    (local $biAt i32) (local $bU f64) (local $bI f64) (local $err f64)
    (local.set $row (i32.shl (local.get $k) (i32.const 3)))
    (block $users_done
      (loop $users
        (br_if $users_done (i32.ge_s (local.get $u) (local.get $nUsers)))
        (local.set $pOff (i32.add (local.get $pu) (i32.mul (local.get $u) (local.get $row))))
        (local.set $bU (f64.load (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 3)))))
        (local.set $r (i32.load (i32.add (local.get $urStart) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $urStart) (i32.shl (local.get $u) (i32.const 2)))))
        (block $ratings_done
          (loop $ratings
            (br_if $ratings_done (i32.ge_s (local.get $r) (local.get $end)))
            (local.set $qOff (i32.add (local.get $qi) (i32.mul (i32.load (i32.add (local.get $urItem) (i32.shl (local.get $r) (i32.const 2)))) (local.get $row))))
            (local.set $biAt (i32.add (local.get $bi) (i32.shl (i32.load (i32.add (local.get $urItem) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
            (local.set $bI (f64.load (local.get $biAt)))
            (local.set $err
              (f64.sub
                (f64.load (i32.add (local.get $urRating) (i32.shl (local.get $r) (i32.const 3))))
                (f64.add
                  (f64.add (f64.add (local.get $mean) (local.get $bU)) (local.get $bI))
                  (call $dot (local.get $qOff) (local.get $pOff) (local.get $k)))))
            (if (local.get $biased)
              (then
                (local.set $bU (f64.add (local.get $bU) (f64.mul (local.get $lrBu) (f64.sub (local.get $err) (f64.mul (local.get $regBu) (local.get $bU))))))
                (f64.store (local.get $biAt) (f64.add (local.get $bI) (f64.mul (local.get $lrBi) (f64.sub (local.get $err) (f64.mul (local.get $regBi) (local.get $bI))))))))
            (call $step (local.get $pOff) (local.get $qOff) (local.get $k)
              (local.get $keepP) (f64.mul (local.get $lrPu) (local.get $err))
              (local.get $keepQ) (f64.mul (local.get $lrQi) (local.get $err)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $ratings)))
        (f64.store (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 3))) (local.get $bU))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $users))))
)
