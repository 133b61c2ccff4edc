/**
 * Nelder–Mead minimisation of a small number of parameters inside a box:
 * the objective sees every point clamped to [lower, upper], so the search
 * never leaves the admissible region (smoothing weights in (0, 1)).
 */
export interface Bounds {
  lower: number[];
  upper: number[];
}

export interface MinimiseResult {
  x: number[];
  value: number;
  iterations: number;
}

const clampTo = (x: number[], b: Bounds) => x.map((v, i) => Math.min(b.upper[i], Math.max(b.lower[i], v)));

export function nelderMead(f: (x: number[]) => number, start: number[], bounds: Bounds, maxIterations = 400, tolerance = 1e-10): MinimiseResult {
  const n = start.length;
  const evaluate = (x: number[]) => {
    const v = f(clampTo(x, bounds));
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  // Initial simplex: the start and one step of 10 % of each parameter's range.
  const simplex: { x: number[]; v: number }[] = [{ x: clampTo(start, bounds), v: 0 }];
  for (let i = 0; i < n; i++) {
    const x = [...simplex[0].x];
    const step = 0.1 * (bounds.upper[i] - bounds.lower[i]);
    x[i] = x[i] + step <= bounds.upper[i] ? x[i] + step : x[i] - step;
    simplex.push({ x, v: 0 });
  }
  for (const p of simplex) p.v = evaluate(p.x);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const reflected = along(-1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = along(-2);
      const ve = evaluate(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = evaluate(contracted);
      if (vc < Math.min(vr, worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        // Shrink towards the best point.
        for (let i = 1; i <= n; i++) {
          simplex[i].x = simplex[i].x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j]));
          simplex[i].v = evaluate(simplex[i].x);
        }
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: clampTo(simplex[0].x, bounds), value: simplex[0].v, iterations };
}
