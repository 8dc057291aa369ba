/**
 * Flask's request hooks: {@code @BeforeRequest}, {@code @AfterRequest},
 * {@code @TeardownRequest} and {@code @TeardownAppContext}.
 */
@NullMarked
package dev.flagon.hooks;

import org.jspecify.annotations.NullMarked;
