package io.trainyard.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each database's errors are read: what can be repeated on a new connection, and what cannot. */
class DialectTest {

    @TempDir
    Path directory;

    @Test
    void everyErrorOfAnH2ConnectionWhoseServerStoppedMidTransactionIsALostConnection() throws Exception {
        String file = directory.resolve("db").toString();
        try (Connection holder = DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "secret")) {
            holder.createStatement().execute("CREATE TABLE t (x INT PRIMARY KEY)");
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifExists", "-baseDir", directory.toString())
                    .start();
            Connection joined = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                    + file, "sa", "secret");
            joined.setAutoCommit(false);
            joined.createStatement().execute("INSERT INTO t VALUES 1");
            server.stop(); // the holding process leaves

            // The first call finds the connection broken; every later one is told the database closed.
            List<Integer> codes = new ArrayList<>();
            for (int call = 0; call < 3; call++) {
                SQLException failure = assertThrows(SQLException.class,
                        () -> joined.createStatement().execute("INSERT INTO t VALUES 2"));
                assertTrue(Dialect.H2.connectionLost(failure), failure.getMessage());
                codes.add(failure.getErrorCode());
            }
            assertEquals(List.of(ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
                    ErrorCode.DATABASE_CALLED_AT_SHUTDOWN), codes);
        }
    }

    @Test
    void aRefusedStatementIsNotALostConnection() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("db"), "sa",
                "secret"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (x INT PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES 1");
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> statement.execute("INSERT INTO t VALUES 1"));
            assertTrue(Dialect.duplicateKey(duplicate));
            assertFalse(Dialect.H2.connectionLost(duplicate));
            SQLException missing = assertThrows(SQLException.class, () -> statement.execute("SELECT * FROM nothing"));
            assertFalse(Dialect.H2.connectionLost(missing));
        }
    }
}
