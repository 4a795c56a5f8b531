package io.trainyard.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.trainyard.api.data.DatasetContext;
import io.trainyard.engine.plugin.PluginDiscovery;
import io.trainyard.engine.plugin.PluginRegistry;
import io.trainyard.engine.tracking.Database;
import io.trainyard.engine.tracking.Heartbeat;
import io.trainyard.engine.tracking.RunStore;
import io.trainyard.engine.tracking.StoreLocation;
import io.trainyard.engine.tracking.SweepStore;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Wires the engine for one command. Plugins come from {@link PluginDiscovery} over the class path and the plugin directories; the store is
 * opened (and migrated) only when a command first needs it, so {@code trainyard plugins} works without one.
 */
public final class EngineModule extends AbstractModule {

    private final EngineOptions options;
    private final OpenResources resources;

    public EngineModule(EngineOptions options, OpenResources resources) {
        this.options = options;
        this.resources = resources;
    }

    @Override
    protected void configure() {
        bind(EngineOptions.class).toInstance(options);
        bind(StoreLocation.class).toInstance(options.store());
        bind(Heartbeat.class).toInstance(options.heartbeat());
        bind(PrintStream.class).toInstance(options.console());
        bind(DatasetContext.class).toInstance(new DatasetContext(options.cacheDirectory().resolve("datasets")));
    }

    @Provides
    @Singleton
    PluginRegistry pluginRegistry() {
        return new PluginDiscovery(Thread.currentThread().getContextClassLoader(), options.pluginDirectories())
                .discover();
    }

    @Provides
    @Singleton
    Database database(StoreLocation location) {
        Database database = resources.register(new Database(location));
        if (database.readOnly()) {
            return database; // nothing can be recorded, crashes included
        }
        // "Next open" is when a run whose process died is noticed: every command that reads or writes runs sees it.
        Instant now = Instant.now();
        new RunStore(database).recordCrashes(now);
        new SweepStore(database).recordCrashes(now);
        return database;
    }
}
