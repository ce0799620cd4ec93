/**
 * Recipes on the Aerie client, built only on its public API: leader election ({@link
 * io.aerie.client.recipes.LeaderLatch}, {@link io.aerie.client.recipes.LeaderSelector}) with fencing tokens; locks
 * ({@link io.aerie.client.recipes.InterProcessMutex}, {@link io.aerie.client.recipes.InterProcessReadWriteLock},
 * {@link io.aerie.client.recipes.InterProcessSemaphore}); barriers ({@link io.aerie.client.recipes.DistributedBarrier},
 * {@link io.aerie.client.recipes.DistributedDoubleBarrier}); group membership and service discovery ({@link
 * io.aerie.client.recipes.GroupMember}, {@link io.aerie.client.recipes.ServiceDiscovery}, {@link
 * io.aerie.client.recipes.ServiceCache}, {@link io.aerie.client.recipes.ServiceProvider}); configuration ({@link
 * io.aerie.client.recipes.ConfigurationCache}); shared values ({@link io.aerie.client.recipes.SharedCounter}, {@link
 * io.aerie.client.recipes.DistributedAtomicValue}); and a queue ({@link io.aerie.client.recipes.DistributedQueue}).
 * <p>
 * Election and locks queue ephemeral-sequential nodes under a path, each waiter watching a single node (no herd
 * effect), in a shared package-private state machine ({@code SequentialNode}) that runs in the client's callbacks:
 * the recipes are driven by {@link io.aerie.client.AerieClient#poll()} on the client's thread, like the client
 * itself, and their blocking methods (acquire, await) poll the client. The machine keeps a persistent watch on its
 * own node so that it always hears of the session's state: leadership and lock holds are suspended at once when
 * the connection is reported lost, re-established only from a fresh answer once it is back with the session, and
 * lost for good when the session ends. The client never opens a new session by itself: after expiry, the
 * application connects a new client and makes new recipe instances. Every recipe here follows that rule.
 * <p>
 * What a holder can never know is the present: a paused process may act on a lease it lost. Each term and hold
 * carries a fencing token (the czxid of its node, growing with every new holder) for the protected resource to
 * check. The recipes allocate a little when a node enters a queue or changes what it waits on (paths), nothing per
 * poll.
 * <p>
 * The member and the caches are machines of the same kind: a group member keeps its ephemeral node in place with a
 * persistent watch on it ({@code EphemeralNode}); the configuration and service caches mirror a subtree with one
 * persistent (recursive) watch and re-read everything when changes may have been missed ({@code TreeMirror}), and
 * tell their listener of a change only once they hold it. Barriers, the queue and the shared values are blocking
 * calls: they poll the client until their answer or their own timeout ({@code RecipeCall}), and must not be called
 * from callbacks.
 */
package io.aerie.client.recipes;
