package dev.larder.internal.redis.history;

/** What happens to the cache's Redis during a run; the store is never faulted. */
public enum Fault {
    /** Nothing: the baseline, races alone. */
    NONE("none"),
    /** SIGSTOP, then SIGCONT: the server keeps its connections and answers nothing meanwhile. */
    PAUSE("paused, resumed"),
    /** SIGKILL, then a restart on the same port, empty. */
    KILL("killed, restarted empty"),
    /**
     * The proxy in front of the first worker forwards nothing, without closing a socket, then forwards again: one JVM
     * silently partitioned while the others go on writing.
     */
    STALL("one JVM's proxy stalls"),
    /** The master of a master, a replica and a Sentinel is killed; the Sentinel promotes the replica. */
    FAILOVER("Sentinel failover");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
