/**
 * Flask's application and request contexts, the per-context {@code g} namespace, and the
 * application they belong to.
 */
@NullMarked
package dev.flagon.context;

import org.jspecify.annotations.NullMarked;
