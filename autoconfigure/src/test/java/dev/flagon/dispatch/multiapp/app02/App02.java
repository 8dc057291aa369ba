package dev.flagon.dispatch.multiapp.app02;

import dev.flagon.dispatch.multiapp.ProbeHooks;
import dev.flagon.testsupport.Journal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mounted application 'app02' of the multi-app tests; its package is scanned.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
public class App02 {

	@Bean
	ProbeHooks app02Hooks(Journal journal) {
		return new ProbeHooks("app02", journal);
	}

}
