/**
 * Auto-configuration for Flagon, and its {@code flagon.*} properties.
 */
@NullMarked
package dev.flagon.autoconfigure;

import org.jspecify.annotations.NullMarked;
