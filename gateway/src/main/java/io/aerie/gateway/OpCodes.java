package io.aerie.gateway;

/**
 * ZooKeeper's request types ({@code ZooDefs.OpCode}) and reserved xids, as its 3.9 clients send them. Kept here so
 * the gateway needs only ZooKeeper's record classes (zookeeper-jute), not its server.
 */
final class OpCodes
{
    static final int NOTIFICATION = 0;
    static final int CREATE = 1;
    static final int DELETE = 2;
    static final int EXISTS = 3;
    static final int GET_DATA = 4;
    static final int SET_DATA = 5;
    static final int GET_ACL = 6;
    static final int SET_ACL = 7;
    static final int GET_CHILDREN = 8;
    static final int SYNC = 9;
    static final int PING = 11;
    static final int GET_CHILDREN2 = 12;
    static final int CHECK = 13;
    static final int MULTI = 14;
    static final int CREATE2 = 15;
    static final int RECONFIG = 16;
    static final int CHECK_WATCHES = 17;
    static final int REMOVE_WATCHES = 18;
    static final int CREATE_CONTAINER = 19;
    static final int DELETE_CONTAINER = 20;
    static final int CREATE_TTL = 21;
    static final int MULTI_READ = 22;
    static final int AUTH = 100;
    static final int SET_WATCHES = 101;
    static final int SASL = 102;
    static final int GET_EPHEMERALS = 103;
    static final int GET_ALL_CHILDREN_NUMBER = 104;
    static final int SET_WATCHES2 = 105;
    static final int ADD_WATCH = 106;
    static final int WHO_AM_I = 107;
    static final int CREATE_SESSION = -10;
    static final int CLOSE_SESSION = -11;
    static final int ERROR = -1;

    static final int NOTIFICATION_XID = -1;
    static final int PING_XID = -2;
    static final int AUTH_XID = -4;
    static final int SET_WATCHES_XID = -8;

    /** ZooKeeper's {@code Watcher.Event.KeeperState.SyncConnected}: the state of every node event. */
    static final int SYNC_CONNECTED = 3;

    private OpCodes()
    {
    }
}
