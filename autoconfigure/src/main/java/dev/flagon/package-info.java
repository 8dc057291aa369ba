/**
 * Flask's request model for Spring MVC: the {@link dev.flagon.Flagon} facade.
 */
@NullMarked
package dev.flagon;

import org.jspecify.annotations.NullMarked;
