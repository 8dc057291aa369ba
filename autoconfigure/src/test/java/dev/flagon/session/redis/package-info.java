/**
 * Tests of the Redis session store, against a real Redis server.
 */
@NullMarked
package dev.flagon.session.redis;

import org.jspecify.annotations.NullMarked;
