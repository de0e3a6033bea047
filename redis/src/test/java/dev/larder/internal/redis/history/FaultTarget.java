package dev.larder.internal.redis.history;

import dev.larder.internal.redis.RedisServerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/** The cache's Redis of one run, as the workers reach it, and the fault to inject into it. */
abstract class FaultTarget implements AutoCloseable {
    /** The Redis settings of worker {@code index}. */
    abstract Map<String, String> settings(int index);

    abstract void inject();

    /** Heals the fault; returns once it is healed. */
    abstract void heal();

    /** The one worker the fault cuts off from Redis, or empty when it cuts off all. */
    String cutOff() {
        return "";
    }

    @Override
    public abstract void close();

    static FaultTarget open(Fault fault, int workers) throws IOException {
        return fault == Fault.FAILOVER ? new SentinelGroup() : new ProxiedServer(fault, workers);
    }

    /** One server; each worker reaches it through a proxy of its own, so one worker can be partitioned alone. */
    private static final class ProxiedServer extends FaultTarget {
        private final Fault fault;
        private final RedisServerProcess server = RedisServerProcess.start();
        private final List<StallingProxy> proxies = new ArrayList<>();

        ProxiedServer(Fault fault, int workers) throws IOException {
            this.fault = fault;
            for (int i = 0; i < workers; i++) {
                proxies.add(new StallingProxy(server.port()));
            }
        }

        @Override
        Map<String, String> settings(int index) {
            return Map.of("larder.redis.uri", proxies.get(index).uri());
        }

        @Override
        void inject() {
            switch (fault) {
                case PAUSE -> server.pause();
                case KILL -> server.kill();
                case STALL -> proxies.get(0).stall();
                default -> {}
            }
        }

        @Override
        void heal() {
            switch (fault) {
                case PAUSE -> server.resume();
                case KILL -> server.restart();
                case STALL -> proxies.get(0).resume();
                default -> {}
            }
        }

        @Override
        String cutOff() {
            return fault == Fault.STALL ? "w0" : "";
        }

        @Override
        public void close() {
            proxies.forEach(StallingProxy::close);
            server.close();
        }
    }

    /** A master, its replica and one Sentinel (quorum 1); the fault kills the master and the Sentinel promotes. */
    private static final class SentinelGroup extends FaultTarget {
        private static final String MASTER = "history-master";
        private final RedisServerProcess master = RedisServerProcess.start();
        private final RedisServerProcess replica = RedisServerProcess.start("replicaof 127.0.0.1 " + master.port());
        private final RedisServerProcess sentinel = RedisServerProcess.sentinel(MASTER, master.port());

        SentinelGroup() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seesReplica()) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("the Sentinel did not see the replica within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }

        private boolean seesReplica() {
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                return !jedis.sentinelReplicas(MASTER).isEmpty();
            }
        }

        @Override
        Map<String, String> settings(int index) {
            return Map.of("larder.redis.sentinel", sentinel.hostAndPort(), "larder.redis.master", MASTER);
        }

        @Override
        void inject() {
            master.kill();
        }

        /** Waits for the Sentinel to promote the replica, which it does by itself. */
        @Override
        void heal() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!promoted()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Sentinel did not promote the replica within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }

        private boolean promoted() {
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                List<String> current = jedis.sentinelGetMasterAddrByName(MASTER);
                return current.size() == 2 && current.get(1).equals(Integer.toString(replica.port()));
            }
        }

        @Override
        public void close() {
            sentinel.close();
            replica.close();
            master.close();
        }
    }
}
