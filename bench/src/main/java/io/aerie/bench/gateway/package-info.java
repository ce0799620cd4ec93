/**
 * Measurements of the ZooKeeper gateway: the same ZooKeeper Java client against Aerie through the gateway and against
 * Apache ZooKeeper, so the only difference is the server.
 */
package io.aerie.bench.gateway;
