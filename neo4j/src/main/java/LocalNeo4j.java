import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Serves an embedded Neo4j 5.26 Community over Bolt on 127.0.0.1, for development and tests.
 *
 * <p>Usage: {@code LocalNeo4j <home-dir> <bolt-port> [page-cache-MiB]}
 *
 * <p>Protocol with the parent process (src/db/local-neo4j.ts): exactly one stdout line {@code
 * NEO4J_READY bolt://127.0.0.1:<port>} once the default database answers queries, or {@code
 * NEO4J_FAILED <reason>} and a non-zero exit. SIGTERM shuts the database down cleanly. When the
 * parent closes our stdin (it exited or crashed) we shut down too, so no orphan keeps the port and
 * the store lock.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      fail("usage: LocalNeo4j <home-dir> <bolt-port> [page-cache-MiB]", 64);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    long pageCacheMiB = args.length > 2 ? Long.parseLong(args[2]) : 256;
    SocketAddress bolt = new SocketAddress("127.0.0.1", port);

    DatabaseManagementService dbms;
    try {
      dbms =
          new DatabaseManagementServiceBuilder(home)
              .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, bolt)
              .setConfig(BoltConnector.advertised_address, bolt)
              .setConfig(HttpConnector.enabled, false)
              .setConfig(HttpsConnector.enabled, false)
              // Local only, bound to loopback: authentication off (see README).
              .setConfig(GraphDatabaseSettings.auth_enabled, false)
              .setConfig(GraphDatabaseSettings.udc_enabled, false)
              .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
              .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(384))
              .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
              .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
              .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
              .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
              // Timeouts are enforced by a monitor thread (default every 2 s); checked often enough that a
              // stopped query reports QUERY_TIMEOUT before the service's deadline (timeout + 1.5 s) fires.
              .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(500))
              .build();
    } catch (Exception e) {
      fail(rootCause(e), 3);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  stopped.countDown();
                }));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(120_000)) {
      fail("database did not become available within 120 s", 2);
    }
    db.executeTransactionally("RETURN 1"); // compile Cypher once before the first client arrives
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    Thread parentWatch =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // drain; EOF means the parent is gone
                }
              } catch (Exception ignored) {
                // a broken stdin means the same
              }
              System.exit(0); // runs the shutdown hook
            },
            "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();

    stopped.await();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replace('\n', ' ');
  }

  private static void fail(String reason, int code) {
    System.out.println("NEO4J_FAILED " + reason);
    System.out.flush();
    System.exit(code);
  }
}
