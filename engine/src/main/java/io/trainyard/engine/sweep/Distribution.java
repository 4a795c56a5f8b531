package io.trainyard.engine.sweep;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a swept hyperparameter takes its values: listed values (a grid tries each; a random search draws one), or a
 * range a random search draws from.
 */
public sealed interface Distribution {

    /** One value, drawn from {@code random}. */
    Object sample(SplittableRandom random);

    /** Listed values, each equally likely in a random search. */
    record Choice(List<Object> values) implements Distribution {

        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** A real number uniform in {@code [min, max)}. */
    record Uniform(double min, double max) implements Distribution {

        @Override
        public Object sample(SplittableRandom random) {
            return min + (max - min) * random.nextDouble();
        }
    }

    /** A positive real number whose logarithm is uniform: each decade between min and max is equally likely. */
    record LogUniform(double min, double max) implements Distribution {

        @Override
        public Object sample(SplittableRandom random) {
            double value = Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * random.nextDouble());
            return Math.min(max, Math.max(min, value)); // exp(log(x)) may miss x by an ulp
        }
    }

    /** A whole number uniform in {@code [min, max]}, both ends included. */
    record IntUniform(long min, long max) implements Distribution {

        @Override
        public Object sample(SplittableRandom random) {
            return random.nextLong(min, max + 1);
        }
    }
}
