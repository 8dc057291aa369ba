/**
 * The Redis session store: server-side sessions in Spring Session's hash layout, over Spring
 * Data Redis and Lettuce.
 */
@NullMarked
package dev.flagon.session.redis;

import org.jspecify.annotations.NullMarked;
