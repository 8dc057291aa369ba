/**
 * How Flagon publishes its events: infrastructure, not API.
 */
@NullMarked
package dev.flagon.events.internal;

import org.jspecify.annotations.NullMarked;
