/**
 * Measurements of the watch registry outside the service: its heap footprint at scale.
 */
package io.aerie.bench.watch;
