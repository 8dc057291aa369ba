/**
 * Test fixtures shared by Flagon's tests: real servers for integration tests.
 */
@NullMarked
package dev.flagon.testsupport;

import org.jspecify.annotations.NullMarked;
