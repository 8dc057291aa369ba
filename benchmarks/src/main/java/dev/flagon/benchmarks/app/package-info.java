/**
 * The small app that {@code benchmarks/load.sh} starts once per variant, each variant a
 * Spring profile.
 */
@NullMarked
package dev.flagon.benchmarks.app;

import org.jspecify.annotations.NullMarked;
