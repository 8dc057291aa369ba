/**
 * app02, mounted at /app02, with a session of its own.
 */
@NullMarked
package dev.flagon.demo.app02;

import org.jspecify.annotations.NullMarked;
