package io.trainyard.engine.training;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives one independent seed per purpose ({@code model.init}, {@code data.shuffle}, ...) from a run's root seed,
 * so that adding a random source to one component never shifts the numbers another draws.
 */
public final class Seeds {

    /** Weight initialisation, and the seeds of layers that draw while training (dropout) in model order. */
    public static final String MODEL_INIT = "model.init";
    /** The order of the training samples, epoch after epoch. */
    public static final String DATA_SHUFFLE = "data.shuffle";
    /** What a dataset draws, if anything: generated samples, a random split ({@code DatasetContext.seed()}). */
    public static final String DATA_GENERATE = "data.generate";

    private Seeds() {
    }

    /** Every stream a run derives from its root seed, by purpose, for the run's record. */
    public static Map<String, Long> derived(long root) {
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String purpose : List.of(MODEL_INIT, DATA_SHUFFLE, DATA_GENERATE)) {
            seeds.put(purpose, derive(root, purpose));
        }
        return seeds;
    }

    public static long derive(long root, String purpose) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ b) * 0x100000001b3L;
        }
        return mix(root ^ mix(hash));
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
