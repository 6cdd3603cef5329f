/**
 * Random variates from a uniform generator in [0, 1) (e.g. seeded-random.ts): what the simulator
 * draws arrivals, handle times and patience from. Pure functions of the generator's numbers.
 */

export type Uniform = () => number;

/** A number in (0, 1]: safe to take the logarithm of. */
function open(random: Uniform): number {
  return 1 - random();
}

/** Exponential with that mean. */
export function exponential(random: Uniform, mean: number): number {
  return -mean * Math.log(open(random));
}

/** Standard normal (Box–Muller; one of the pair). */
export function standardNormal(random: Uniform): number {
  return Math.sqrt(-2 * Math.log(open(random))) * Math.cos(2 * Math.PI * random());
}

/** Lognormal with that mean and coefficient of variation (sd / mean). */
export function lognormal(random: Uniform, mean: number, cv: number): number {
  const sigma2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * standardNormal(random));
}

/** Gamma with that mean and coefficient of variation (shape 1/cv², Marsaglia and Tsang). */
export function gamma(random: Uniform, mean: number, cv: number): number {
  const shape = 1 / (cv * cv);
  return standardGamma(random, shape) * (mean / shape);
}

function standardGamma(random: Uniform, shape: number): number {
  if (shape < 1) return standardGamma(random, shape + 1) * Math.pow(open(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = open(random);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Weibull with that mean and shape (shape 1 is the exponential; above 1, few leave at once). */
export function weibull(random: Uniform, mean: number, shape: number): number {
  const scale = mean / gammaFunction(1 + 1 / shape);
  return scale * Math.pow(-Math.log(open(random)), 1 / shape);
}

/** Γ(x) for x > 0 (Lanczos, g = 7): about 15 significant digits. */
export function gammaFunction(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < g + 2; i++) sum += c[i]! / (z + i);
  const t = z + g + 0.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
}

/** An index drawn with probability proportional to its weight (weights ≥ 0, at least one above 0). */
export function weightedIndex(random: Uniform, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  // Rounding left r at 0: the last index with a weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  throw new RangeError('weightedIndex: no weight above 0');
}
