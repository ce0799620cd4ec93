/**
 * The differential test of Aerie against a real Apache ZooKeeper: seeded random operation sequences run through
 * one small driver interface over both systems, results normalized (zxids as relations, session ids as slots) and
 * compared, with the remaining known differences named, counted and explained.
 */
package io.aerie.client.difftest;
