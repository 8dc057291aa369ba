/**
 * app01, the root application at /: login, an index page showing g, a session counter.
 */
@NullMarked
package dev.flagon.demo.app01;

import org.jspecify.annotations.NullMarked;
