package io.trainyard.engine.testing;

import io.trainyard.engine.tracking.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** A direct connection to a store's database, as its owner makes one, for tests that look at or alter its rows. */
public final class StoreConnections {

    private StoreConnections() {
    }

    public static Connection open(Path store) throws Exception {
        return DriverManager.getConnection(new StoreLocation(store).jdbcUrl(), "sa", secret(store));
    }

    public static String secret(Path store) throws Exception {
        return Files.readString(store.resolve("trainyard.secret")).trim();
    }
}
