/**
 * Thread-bound application and request contexts, and the per-context {@code g} namespace.
 */
@NullMarked
package dev.flagon.context;

import org.jspecify.annotations.NullMarked;
