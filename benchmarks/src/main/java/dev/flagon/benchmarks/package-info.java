/**
 * JMH micro-benchmarks of Flagon's per-request work: contexts, {@code g}, hook dispatch and
 * session cookies.
 */
@NullMarked
package dev.flagon.benchmarks;

import org.jspecify.annotations.NullMarked;
