package dev.flagon.internal;

import java.lang.annotation.Annotation;
import java.util.Set;

import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownAppContext;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.internal.HookMethod.Argument;

/**
 * The four kinds of hooks.
 *
 * @author Flagon team
 */
enum HookType {

	BEFORE_REQUEST(BeforeRequest.class, Argument.REQUEST_ARGUMENTS),

	AFTER_REQUEST(AfterRequest.class, Argument.REQUEST_ARGUMENTS),

	TEARDOWN_REQUEST(TeardownRequest.class, Argument.TEARDOWN_REQUEST_ARGUMENTS),

	TEARDOWN_APP_CONTEXT(TeardownAppContext.class, Argument.TEARDOWN_APP_ARGUMENTS);

	private final Class<? extends Annotation> annotation;

	private final Set<Argument> arguments;

	HookType(Class<? extends Annotation> annotation, Set<Argument> arguments) {
		this.annotation = annotation;
		this.arguments = arguments;
	}

	Class<? extends Annotation> annotation() {
		return this.annotation;
	}

	String annotationName() {
		return "@" + this.annotation.getSimpleName();
	}

	Set<Argument> arguments() {
		return this.arguments;
	}

}
