/**
 * Mounting several applications under URL prefixes, as werkzeug's
 * {@code DispatcherMiddleware}.
 */
@NullMarked
package dev.flagon.dispatch;

import org.jspecify.annotations.NullMarked;
