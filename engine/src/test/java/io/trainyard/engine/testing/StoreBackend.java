package io.trainyard.engine.testing;

import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The databases a store can live in, for tests that must hold on every one: a store as a user names it
 * ({@code --store}) and the environment that opens it.
 */
public enum StoreBackend {

    /** The embedded default: a store directory. */
    H2 {
        @Override
        public Store newStore(Path directory) {
            return new Store(directory.toString(), Map.of());
        }
    },

    /** A fresh database on the tests' PostgreSQL server; run folders in the directory. */
    POSTGRESQL {
        @Override
        public Store newStore(Path directory) {
            PostgresServer server = PostgresServer.shared();
            Map<String, String> environment = new HashMap<>(server.environment());
            environment.put("TRAINYARD_RUN_FILES", directory.toString());
            return new Store(server.newDatabase(), Map.copyOf(environment));
        }
    };

    /** A new, empty store whose files go to {@code directory}. */
    public abstract Store newStore(Path directory);

    /**
     * @param option what {@code --store} is given
     * @param environment what the command's environment must hold to open it
     */
    public record Store(String option, Map<String, String> environment) {

        public StoreLocation location() {
            return StoreLocation.resolve(option, environment);
        }

        /** {@code base} with this store's variables added. */
        public Map<String, String> environment(Map<String, String> base) {
            Map<String, String> merged = new HashMap<>(base);
            merged.putAll(environment);
            return merged;
        }
    }
}
