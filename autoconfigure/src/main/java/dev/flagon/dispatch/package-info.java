/**
 * Applications and their requests: the request filter that pushes contexts and runs the
 * lifecycle, and mounting several applications under URL prefixes.
 */
@NullMarked
package dev.flagon.dispatch;

import org.jspecify.annotations.NullMarked;
