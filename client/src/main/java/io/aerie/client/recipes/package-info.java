/**
 * Recipes on the Aerie client, built only on its public API: leader election ({@link
 * io.aerie.client.recipes.LeaderLatch}, {@link io.aerie.client.recipes.LeaderSelector}) with fencing tokens, and
 * locks ({@link io.aerie.client.recipes.InterProcessMutex}, {@link io.aerie.client.recipes.InterProcessReadWriteLock},
 * {@link io.aerie.client.recipes.InterProcessSemaphore}).
 * <p>
 * All of them queue ephemeral-sequential nodes under a path, each waiter watching a single node (no herd
 * effect), in a shared package-private state machine ({@code SequentialNode}) that runs in the client's callbacks:
 * the recipes are driven by {@link io.aerie.client.AerieClient#poll()} on the client's thread, like the client
 * itself, and their blocking methods (acquire, await) poll the client. The machine keeps a persistent watch on its
 * own node so that it always hears of the session's state: leadership and lock holds are suspended at once when
 * the connection is reported lost, re-established only from a fresh answer once it is back with the session, and
 * lost for good when the session ends. The client never opens a new session by itself: after expiry, the
 * application connects a new client and makes new recipe instances.
 * <p>
 * What a holder can never know is the present: a paused process may act on a lease it lost. Each term and hold
 * carries a fencing token (the czxid of its node, growing with every new holder) for the protected resource to
 * check. The recipes allocate a little when a node enters a queue or changes what it waits on (paths), nothing per
 * poll.
 */
package io.aerie.client.recipes;
