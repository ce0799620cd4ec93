/**
 * The ingress fuzzer of issue 12: random and mutated frames sent to a real node at both layers (raw Aeron Cluster
 * ingress messages from a raw publication, and Aerie's SBE requests inside a valid cluster session), with the
 * oracles that prove bad input changes nothing: the node keeps running, no unexpected error reaches its error
 * handler, the tree's digest outside a sandbox is unchanged, and a well-formed client keeps working throughout.
 * {@link io.aerie.bench.fuzz.IngressFuzz} is the long run's command.
 */
package io.aerie.bench.fuzz;
