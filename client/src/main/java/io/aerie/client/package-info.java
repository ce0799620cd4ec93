/**
 * The thin Aerie client: connects to the cluster over Aeron, sends SBE requests and receives responses,
 * watch and session events. Not yet implemented: it arrives with the cluster issue; this module exists so
 * the reactor has its final shape.
 */
package io.aerie.client;
