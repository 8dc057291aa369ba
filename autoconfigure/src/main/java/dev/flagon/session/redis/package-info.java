/**
 * The Redis session store: server-side sessions kept by Spring Session Data Redis over Lettuce.
 */
@NullMarked
package dev.flagon.session.redis;

import org.jspecify.annotations.NullMarked;
