package io.trainyard.api.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two parts of a plugin's work on the caller and the helper thread: the hand-over, failures, a busy helper. */
class HalvesTest {

    @Test
    void theSecondPartRunsOnAnotherThreadAndTheCallReturnsWhenBothHaveEnded() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        AtomicBoolean secondEnded = new AtomicBoolean();
        run(2, () -> ran.add(Thread.currentThread()), () -> {
            sleep(50);
            ran.add(Thread.currentThread());
            secondEnded.set(true);
        });
        assertTrue(secondEnded.get());
        assertEquals(2, ran.size());
        assertTrue(ran.contains(Thread.currentThread()));
        assertNotSame(ran.get(0), ran.get(1));
    }

    @Test
    void withoutASecondThreadOrWhileTheHelperIsBusyTheCallerRunsBothParts() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        Runnable record = () -> ran.add(Thread.currentThread());
        run(1, record, record);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), ran);

        ran.clear();
        AtomicReference<Thread> outer = new AtomicReference<>();
        run(2, () -> {
            outer.set(Thread.currentThread());
            run(2, record, record); // the helper is taken: no deadlock, both here
        }, () -> sleep(20));
        assertEquals(List.of(outer.get(), outer.get()), ran);
    }

    @Test
    void aFailureInEitherPartReachesTheCallerOnlyAfterBothHaveEndedTheFirstPartsWhenBothFail() {
        AtomicBoolean secondEnded = new AtomicBoolean();
        IllegalStateException first = assertThrows(IllegalStateException.class, () -> run(2, () -> {
            throw new IllegalStateException("first");
        }, () -> {
            sleep(50);
            secondEnded.set(true);
        }));
        assertEquals("first", first.getMessage());
        assertTrue(secondEnded.get());

        IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> run(2,
                () -> { }, () -> {
                    throw new IllegalArgumentException("second");
                }));
        assertEquals("second", second.getMessage());

        IllegalStateException both = assertThrows(IllegalStateException.class, () -> run(2, () -> {
            throw new IllegalStateException("first of two");
        }, () -> {
            throw new IllegalArgumentException("second of two");
        }));
        assertEquals("first of two", both.getMessage());

        AtomicBoolean after = new AtomicBoolean();
        run(2, () -> { }, () -> after.set(true));
        assertTrue(after.get(), "the helper still works after a failure");
    }

    @Test
    void wholeWorkRunsOnTheCallerAlone() {
        List<Thread> ran = new CopyOnWriteArrayList<>();
        Halves.whole(() -> ran.add(Thread.currentThread())).run();
        assertEquals(List.of(Thread.currentThread()), ran);
    }

    private static void run(int threads, Runnable first, Runnable second) {
        Halves.of(threads, first, second).run();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
