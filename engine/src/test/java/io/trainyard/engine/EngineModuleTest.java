package io.trainyard.engine;

import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.trainyard.engine.training.NativeStart;
import org.junit.jupiter.api.Test;

/** The engine's wiring of what the command line makes before the injector exists. */
class EngineModuleTest {

    @Test
    void theEngineUsesTheNativeStartTheCommandLineMayHaveBegun() {
        NativeStart begunEarly = new NativeStart();
        Injector injector = Guice.createInjector(new EngineModule(() -> {
            throw new AssertionError("no option is read to hand out ND4J's start");
        }, new OpenResources(), begunEarly));
        assertSame(begunEarly, injector.getInstance(NativeStart.class));
        assertSame(begunEarly, injector.getInstance(NativeStart.class));
    }
}
