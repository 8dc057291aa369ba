/**
 * app03, mounted at /app03.
 */
@NullMarked
package dev.flagon.demo.app03;

import org.jspecify.annotations.NullMarked;
