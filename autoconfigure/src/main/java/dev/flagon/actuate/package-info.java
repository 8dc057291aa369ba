/**
 * The {@code flagon} actuator endpoint: the applications, their hooks and session stores.
 */
@NullMarked
package dev.flagon.actuate;

import org.jspecify.annotations.NullMarked;
