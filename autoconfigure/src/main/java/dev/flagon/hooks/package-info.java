/**
 * Flask's request hooks: {@code @BeforeRequest}, {@code @AfterRequest},
 * {@code @TeardownRequest} and {@code @TeardownAppContext}, their discovery and invocation.
 */
@NullMarked
package dev.flagon.hooks;

import org.jspecify.annotations.NullMarked;
