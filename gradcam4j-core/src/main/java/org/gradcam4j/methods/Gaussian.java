package org.gradcam4j.methods;

import java.util.SplittableRandom;

/** Normal random numbers from a seeded {@link SplittableRandom} (reproducible on every JVM). */
final class Gaussian {
  private final SplittableRandom random;

  Gaussian(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A standard normal sample (Box-Muller). */
  double next() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  SplittableRandom uniform() {
    return random;
  }
}
