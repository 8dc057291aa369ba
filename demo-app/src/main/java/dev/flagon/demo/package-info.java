/**
 * The Flagon demo: three Flask-style apps in one Spring Boot server.
 */
@NullMarked
package dev.flagon.demo;

import org.jspecify.annotations.NullMarked;
