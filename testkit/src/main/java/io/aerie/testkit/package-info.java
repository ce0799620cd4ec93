/**
 * Testing code built on the Aerie client without a cluster: {@link io.aerie.testkit.InMemoryAerie} runs Aerie's
 * real state machine in the test's own process, behind the client's {@link io.aerie.client.ClusterTransport} seam,
 * on a clock the test advances, and hands out connected {@link io.aerie.client.AerieClient}s (one session each). The
 * test can expire a session, cut a client off and let it back, and make a leader change. Implementation classes
 * (the cluster stand-in, its sessions and the clients' transports) are package-private.
 */
package io.aerie.testkit;
