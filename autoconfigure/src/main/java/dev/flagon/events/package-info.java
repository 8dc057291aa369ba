/**
 * Flask's signals as Spring application events, published to each application's context.
 */
@NullMarked
package dev.flagon.events;

import org.jspecify.annotations.NullMarked;
