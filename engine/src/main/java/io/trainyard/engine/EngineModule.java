package io.trainyard.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.engine.plugin.PluginDiscovery;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.StoreOutage;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepStore;
import io.trainyard.engine.training.NativeStart;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Wires the engine for one command. The options come from a provider because the injector exists before the
 * command line is parsed (picocli builds the commands through it); nothing reads them until a command runs. Plugins
 * come from {@link PluginDiscovery} over the class path and the plugin directories; the store is opened (and
 * migrated) only when a command first needs it, so {@code trainyard plugins} works without one.
 */
public final class EngineModule extends AbstractModule {

    private final Provider<EngineOptions> options;
    private final OpenResources resources;
    private final NativeStart nativeStart;

    /** @param nativeStart ND4J's start, which the command line may have begun before the injector existed */
    public EngineModule(Provider<EngineOptions> options, OpenResources resources, NativeStart nativeStart) {
        this.options = options;
        this.resources = resources;
        this.nativeStart = nativeStart;
    }

    @Override
    protected void configure() {
        bind(EngineOptions.class).toProvider(options);
        bind(NativeStart.class).toInstance(nativeStart);
    }

    @Provides
    StoreLocation store(EngineOptions options) {
        return options.store();
    }

    @Provides
    Heartbeat heartbeat(EngineOptions options) {
        return options.heartbeat();
    }

    @Provides
    StoreOutage storeOutage(EngineOptions options) {
        return StoreOutage.fromEnvironment(options.environment());
    }

    @Provides
    PrintStream console(EngineOptions options) {
        return options.console();
    }

    @Provides
    DatasetContext datasetContext(EngineOptions options) {
        return new DatasetContext(options.cacheDirectory().resolve("datasets"));
    }

    @Provides
    @Singleton
    PluginRegistry pluginRegistry(EngineOptions options) {
        return new PluginDiscovery(Thread.currentThread().getContextClassLoader(), options.pluginDirectories())
                .discover();
    }

    /**
     * The store, with the runs and sweeps whose processes died recorded CRASHED: opening is when that is noticed, so
     * every command that reads or writes runs sees it. A read-only store records nothing. A command that trains
     * opens it in the background (see {@link Database#openInBackground}); the others need it at once.
     */
    @Provides
    @Singleton
    Database database(StoreLocation location, EngineOptions options) {
        if (options.trains()) {
            return resources.register(Database.openInBackground(location, true, EngineModule::recordCrashes));
        }
        Database database = resources.register(new Database(location, false));
        recordCrashes(database);
        return database;
    }

    private static void recordCrashes(Database database) {
        if (!database.readOnly()) {
            Instant now = Instant.now();
            new RunStore(database).recordCrashes(now);
            new SweepStore(database).recordCrashes(now);
        }
    }
}
