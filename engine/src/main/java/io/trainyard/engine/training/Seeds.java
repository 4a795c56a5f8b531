package io.trainyard.engine.training;

import java.nio.charset.StandardCharsets;

/**
 * Derives one independent seed per purpose ({@code model.init}, {@code data.shuffle}, ...) from a run's root seed,
 * so that adding a random source to one component never shifts the numbers another draws.
 */
public final class Seeds {

    private Seeds() {
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
