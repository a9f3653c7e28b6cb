;; The epochs of Surprise's SGD SVD and multiplicative-update NMF (svd.ts) in WebAssembly
;; with 128-bit SIMD: two doubles per instruction where V8 emits one, and no bounds
;; check per element. The arithmetic is the JS loops', operation for operation (wasm
;; has no fused multiply-add, and the dot product keeps the same four partial sums, here
;; as the lanes of two vectors), so both give the same bits. Pointers are byte offsets
;; into the memory, which the JS side (kernels.ts) lays out and grows once before the
;; first epoch. `npm run build:wasm` assembles this file into kernels.wasm.ts.
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

  ;; NMF's sums over every rating, user by user, as NMF.epoch: r̂ from the current biases
  ;; and factors, the biases moved when biased, then userNum += q·r, userDenom += q·r̂,
  ;; itemNum += p·r, itemDenom += p·r̂ (the sums share the factors' row layout).
  (func (export "nmfAccumulate")
    (param $nUsers i32) (param $k i32)
    (param $urStart i32) (param $urItem i32) (param $urRating i32)
    (param $bu i32) (param $bi i32) (param $pu i32) (param $qi i32)
    (param $userNum i32) (param $userDenom i32) (param $itemNum i32) (param $itemDenom i32)
    (param $mean f64) (param $biased i32)
    (param $lrBu f64) (param $lrBi f64) (param $regBu f64) (param $regBi f64)
    (local $u i32) (local $r i32) (local $end i32) (local $row i32) (local $pRow i32) (local $qRow i32)
    (local $f i32) (local $buAt i32) (local $biAt i32) (local $rating f64) (local $est f64) (local $err f64)
    (local $rv v128) (local $ev v128) (local $pv v128) (local $qv v128) (local $p f64) (local $q f64)
    (local.set $row (i32.shl (local.get $k) (i32.const 3)))
    (block $users_done
      (loop $users
        (br_if $users_done (i32.ge_s (local.get $u) (local.get $nUsers)))
        (local.set $pRow (i32.mul (local.get $u) (local.get $row)))
        (local.set $buAt (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $r (i32.load (i32.add (local.get $urStart) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $urStart) (i32.shl (local.get $u) (i32.const 2)))))
        (block $ratings_done
          (loop $ratings
            (br_if $ratings_done (i32.ge_s (local.get $r) (local.get $end)))
            (local.set $qRow (i32.mul (i32.load (i32.add (local.get $urItem) (i32.shl (local.get $r) (i32.const 2)))) (local.get $row)))
            (local.set $biAt (i32.add (local.get $bi) (i32.shl (i32.load (i32.add (local.get $urItem) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
            (local.set $rating (f64.load (i32.add (local.get $urRating) (i32.shl (local.get $r) (i32.const 3)))))
            (local.set $est
              (f64.add
                (f64.add (f64.add (local.get $mean) (f64.load (local.get $buAt))) (f64.load (local.get $biAt)))
                (call $dot (i32.add (local.get $qi) (local.get $qRow)) (i32.add (local.get $pu) (local.get $pRow)) (local.get $k))))
            (if (local.get $biased)
              (then
                (local.set $err (f64.sub (local.get $rating) (local.get $est)))
                (f64.store (local.get $buAt)
                  (f64.add (f64.load (local.get $buAt)) (f64.mul (local.get $lrBu) (f64.sub (local.get $err) (f64.mul (local.get $regBu) (f64.load (local.get $buAt)))))))
                (f64.store (local.get $biAt)
                  (f64.add (f64.load (local.get $biAt)) (f64.mul (local.get $lrBi) (f64.sub (local.get $err) (f64.mul (local.get $regBi) (f64.load (local.get $biAt)))))))))
            (local.set $rv (f64x2.splat (local.get $rating)))
            (local.set $ev (f64x2.splat (local.get $est)))
            (local.set $f (i32.const 0))
            (block $pairs_done
              (loop $pairs
                (br_if $pairs_done (i32.gt_u (i32.add (local.get $f) (i32.const 16)) (local.get $row)))
                (local.set $qv (v128.load (i32.add (local.get $qi) (i32.add (local.get $qRow) (local.get $f)))))
                (local.set $pv (v128.load (i32.add (local.get $pu) (i32.add (local.get $pRow) (local.get $f)))))
                (call $addPair (i32.add (local.get $userNum) (i32.add (local.get $pRow) (local.get $f))) (local.get $qv) (local.get $rv))
                (call $addPair (i32.add (local.get $userDenom) (i32.add (local.get $pRow) (local.get $f))) (local.get $qv) (local.get $ev))
                (call $addPair (i32.add (local.get $itemNum) (i32.add (local.get $qRow) (local.get $f))) (local.get $pv) (local.get $rv))
                (call $addPair (i32.add (local.get $itemDenom) (i32.add (local.get $qRow) (local.get $f))) (local.get $pv) (local.get $ev))
                (local.set $f (i32.add (local.get $f) (i32.const 16)))
                (br $pairs)))
            (if (i32.lt_u (local.get $f) (local.get $row))
              (then
                (local.set $q (f64.load (i32.add (local.get $qi) (i32.add (local.get $qRow) (local.get $f)))))
                (local.set $p (f64.load (i32.add (local.get $pu) (i32.add (local.get $pRow) (local.get $f)))))
                (call $addOne (i32.add (local.get $userNum) (i32.add (local.get $pRow) (local.get $f))) (f64.mul (local.get $q) (local.get $rating)))
                (call $addOne (i32.add (local.get $userDenom) (i32.add (local.get $pRow) (local.get $f))) (f64.mul (local.get $q) (local.get $est)))
                (call $addOne (i32.add (local.get $itemNum) (i32.add (local.get $qRow) (local.get $f))) (f64.mul (local.get $p) (local.get $rating)))
                (call $addOne (i32.add (local.get $itemDenom) (i32.add (local.get $qRow) (local.get $f))) (f64.mul (local.get $p) (local.get $est)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $ratings)))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $users))))

  ;; The two doubles at `at` += a·b, lane by lane.
  (func $addPair (param $at i32) (param $a v128) (param $b v128)
    (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $a) (local.get $b)))))

  ;; The double at `at` += x.
  (func $addOne (param $at i32) (param $x f64)
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $x))))

  ;; x ← x·num/(denom + n·λ·x) for every factor of every row (n: the row's ratings,
  ;; start[row + 1] − start[row]); zeros stay zero, as multiplicativeUpdate.
  (func (export "nmfUpdate")
    (param $rows i32) (param $k i32) (param $start i32) (param $x i32) (param $num i32) (param $denom i32) (param $reg f64)
    (local $row i32) (local $at i32) (local $end i32) (local $nReg f64) (local $nv v128) (local $xv v128) (local $xo f64)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $row) (local.get $rows)))
        (local.set $nReg
          (f64.mul
            (f64.convert_i32_s
              (i32.sub
                (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $row) (i32.const 2))))
                (i32.load (i32.add (local.get $start) (i32.shl (local.get $row) (i32.const 2))))))
            (local.get $reg)))
        (local.set $nv (f64x2.splat (local.get $nReg)))
        ;; byte offsets of this row in x, num and denom (the same layout)
        (local.set $at (i32.mul (local.get $row) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $end (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 3))))
        (block $pairs_done
          (loop $pairs
            (br_if $pairs_done (i32.gt_u (i32.add (local.get $at) (i32.const 16)) (local.get $end)))
            (local.set $xv (v128.load (i32.add (local.get $x) (local.get $at))))
            ;; both lanes computed, the zero lanes kept as they were
            (v128.store (i32.add (local.get $x) (local.get $at))
              (v128.bitselect
                (f64x2.mul (local.get $xv)
                  (f64x2.div (v128.load (i32.add (local.get $num) (local.get $at)))
                    (f64x2.add (v128.load (i32.add (local.get $denom) (local.get $at))) (f64x2.mul (local.get $nv) (local.get $xv)))))
                (local.get $xv)
                (f64x2.ne (local.get $xv) (v128.const f64x2 0 0))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_u (local.get $at) (local.get $end))
          (then
            (local.set $xo (f64.load (i32.add (local.get $x) (local.get $at))))
            (if (f64.ne (local.get $xo) (f64.const 0))
              (then
                (f64.store (i32.add (local.get $x) (local.get $at))
                  (f64.mul (local.get $xo)
                    (f64.div (f64.load (i32.add (local.get $num) (local.get $at)))
                      (f64.add (f64.load (i32.add (local.get $denom) (local.get $at))) (f64.mul (local.get $nReg) (local.get $xo))))))))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))
)
