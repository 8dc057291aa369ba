package dev.flagon.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.flagon.dispatch.Mount;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * The applications mounted under URL prefixes, as werkzeug's {@code DispatcherMiddleware}:
 * for each {@link Mount}, a Spring context whose parent is the root application's, and a
 * {@code DispatcherServlet} at {@code prefix/*} in the root's servlet context.
 * <p>
 * The servlets are registered while the web server starts ({@link #registerServlets}); the
 * contexts are refreshed once every singleton of the root application exists, so that a
 * mounted application that fails to start fails the whole application; they are stopped and
 * started with the root application, and closed when it closes, after its web server has
 * stopped taking requests and before its own beans are destroyed.
 *
 * @author Flagon team
 */
public class MountedApps
		implements SmartInitializingSingleton, SmartLifecycle, ApplicationListener<ContextClosedEvent>, DisposableBean {

	/**
	 * The lifecycle phase: below the web server's, so that the applications are closed after
	 * the server has stopped, and before the root application's beans are destroyed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(MountedApps.class);

	private final ConfigurableApplicationContext root;

	private final List<Mount> mounts;

	private final Map<String, GenericWebApplicationContext> contexts = new LinkedHashMap<>();

	private volatile boolean running;

	private volatile boolean paused;

	private volatile boolean closing;

	/**
	 * Create the mounted applications.
	 * @param root the root application's context
	 * @param mounts the mounts
	 * @throws IllegalStateException if two mounts share a name or a prefix, or one's
	 * component scan would include another's components
	 */
	public MountedApps(ConfigurableApplicationContext root, List<Mount> mounts) {
		Assert.notNull(root, "'root' must not be null");
		Assert.notNull(mounts, "'mounts' must not be null");
		check(mounts);
		this.root = root;
		this.mounts = List.copyOf(mounts);
	}

	private static void check(List<Mount> mounts) {
		for (int i = 0; i < mounts.size(); i++) {
			Mount mount = mounts.get(i);
			Assert.state(!AnnotatedElementUtils.hasAnnotation(mount.getSources(), EnableAutoConfiguration.class),
					() -> "Mount '" + mount.getName() + "': " + mount.getSources().getName()
							+ " enables auto-configuration (@SpringBootApplication or @EnableAutoConfiguration); "
							+ "a mounted app is configured by the root application: annotate it with @Configuration");
			for (Mount other : mounts.subList(0, i)) {
				Assert.state(!other.getName().equals(mount.getName()),
						() -> "Two mounts are named '" + mount.getName() + "' (at " + other.getPrefix() + " and "
								+ mount.getPrefix() + "): each app needs a name of its own");
				Assert.state(!other.getPrefix().equals(mount.getPrefix()),
						() -> "Mounts '" + other.getName() + "' and '" + mount.getName() + "' both use prefix "
								+ mount.getPrefix() + ": each prefix serves one app");
				checkPackages(other, mount);
				checkPackages(mount, other);
			}
		}
	}

	private static void checkPackages(Mount outer, Mount inner) {
		String outerPackage = outer.getPackageName();
		String innerPackage = inner.getPackageName();
		boolean sameApp = outer.getSources() == inner.getSources();
		Assert.state(sameApp || !(innerPackage.equals(outerPackage) || innerPackage.startsWith(outerPackage + ".")),
				() -> "Mount '" + outer.getName() + "' scans package " + outerPackage + ", which holds mount '"
						+ inner.getName() + "' (" + inner.getSources().getName()
						+ "): give each mounted app a package of its own, outside the others'");
	}

	/**
	 * Return the mounts.
	 * @return the mounts, in declaration order
	 */
	public List<Mount> getMounts() {
		return this.mounts;
	}

	/**
	 * Return the Spring context of a mounted application.
	 * @param name the application's name
	 * @return the context, or {@code null} if no application of that name is mounted or it
	 * is not created yet
	 */
	public synchronized @Nullable ConfigurableApplicationContext getApplicationContext(String name) {
		return this.contexts.get(name);
	}

	/**
	 * Create the applications' contexts and register their {@code DispatcherServlet}s in the
	 * root application's servlet context. Called once, while the web server starts.
	 * @param servletContext the servlet context
	 * @param multipartConfig the multipart configuration of the root application's
	 * {@code DispatcherServlet}, applied to every application's, or {@code null}
	 * @throws IllegalStateException if a prefix is already mapped to another servlet
	 */
	public synchronized void registerServlets(ServletContext servletContext,
			@Nullable MultipartConfigElement multipartConfig) {
		for (Mount mount : this.mounts) {
			GenericWebApplicationContext context = this.contexts.computeIfAbsent(mount.getName(),
					(name) -> createContext(mount, servletContext));
			String servletName = "flagon:" + mount.getName();
			ServletRegistration.Dynamic registration = servletContext.addServlet(servletName,
					new MountDispatcherServlet(context));
			Assert.state(registration != null, () -> "Mount '" + mount.getName() + "': a servlet named '"
					+ servletName + "' is already registered");
			Set<String> conflicts = registration.addMapping(mount.getPrefix() + "/*");
			Assert.state(conflicts.isEmpty(), () -> "Mount '" + mount.getName() + "': " + conflicts
					+ " is already mapped to another servlet");
			registration.setLoadOnStartup(1);
			registration.setAsyncSupported(true);
			if (multipartConfig != null) {
				registration.setMultipartConfig(multipartConfig);
			}
		}
	}

	/**
	 * Start every mounted application, now that the root application's singletons exist.
	 * @throws IllegalStateException if the root application's component scan picked up a
	 * mounted application's components
	 * @throws ApplicationContextException if an application fails to start
	 */
	@Override
	public synchronized void afterSingletonsInstantiated() {
		if (this.mounts.isEmpty()) {
			return;
		}
		checkRootDoesNotHoldMountedComponents();
		ServletContext servletContext = (this.root instanceof WebApplicationContext web) ? web.getServletContext()
				: null;
		if (this.contexts.isEmpty()) {
			logger.info("No web server started the root application: mounted apps are created, not served");
		}
		for (Mount mount : this.mounts) {
			GenericWebApplicationContext context = this.contexts.computeIfAbsent(mount.getName(),
					(name) -> createContext(mount, servletContext));
			try {
				context.refresh();
			}
			catch (RuntimeException ex) {
				throw new ApplicationContextException(
						"Mounted app '" + mount.getName() + "' at " + mount.getPrefix() + " failed to start", ex);
			}
			logger.info("Mounted app '" + mount.getName() + "' at " + mount.getPrefix() + " ("
					+ mount.getSources().getName() + ")");
		}
	}

	private void checkRootDoesNotHoldMountedComponents() {
		ConfigurableListableBeanFactory beanFactory = this.root.getBeanFactory();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			String className = beanFactory.getBeanDefinition(beanName).getBeanClassName();
			if (className == null) {
				continue;
			}
			for (Mount mount : this.mounts) {
				String packageName = mount.getPackageName();
				Assert.state(!className.startsWith(packageName + "."), () -> "Mount '" + mount.getName()
						+ "' scans package " + packageName + ", but the root application holds bean '" + beanName
						+ "' (" + className + ") from it, so the mounted app's controllers and hooks would serve "
						+ "the root application too. Keep " + packageName + " out of the root application's "
						+ "component scan (for mounts declared in flagon.mounts, @SpringBootApplication's scan "
						+ "skips it already), or move the mounted app");
			}
		}
	}

	private GenericWebApplicationContext createContext(Mount mount,
			@Nullable ServletContext servletContext) {
		GenericWebApplicationContext context = new GenericWebApplicationContext();
		context.setId(this.root.getId() + ":" + mount.getName());
		context.setDisplayName("Flagon app '" + mount.getName() + "' at " + mount.getPrefix());
		context.setEnvironment(MountEnvironment.create(this.root.getEnvironment(), mount));
		context.setParent(this.root);
		context.setClassLoader(this.root.getClassLoader());
		if (servletContext != null) {
			context.setServletContext(servletContext);
		}
		if (this.root.getBeanFactory() instanceof DefaultListableBeanFactory rootBeanFactory) {
			DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
			beanFactory.setAllowBeanDefinitionOverriding(rootBeanFactory.isAllowBeanDefinitionOverriding());
			beanFactory.setAllowCircularReferences(rootBeanFactory.isAllowCircularReferences());
		}
		context.registerBean("flagonMount", Mount.class, () -> mount);
		new AnnotatedBeanDefinitionReader(context, context.getEnvironment()).register(MountedAppConfiguration.class,
				mount.getSources());
		if (!AnnotatedElementUtils.hasAnnotation(mount.getSources(), ComponentScan.class)) {
			new ClassPathBeanDefinitionScanner(context, true, context.getEnvironment()).scan(mount.getPackageName());
		}
		return context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Published before the lifecycle stops: tells a close from a pause (Spring's test
		// context cache pauses contexts it does not use)
		if (event.getApplicationContext() == this.root) {
			this.closing = true;
		}
	}

	@Override
	public synchronized void start() {
		if (!this.running && this.paused) {
			activeContexts().forEach(GenericWebApplicationContext::start);
		}
		this.paused = false;
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.closing) {
			close();
		}
		else {
			this.paused = true;
			activeContexts().forEach(GenericWebApplicationContext::stop);
		}
	}

	private List<GenericWebApplicationContext> activeContexts() {
		return this.contexts.values().stream().filter(GenericWebApplicationContext::isActive).toList();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		close();
	}

	private synchronized void close() {
		List<GenericWebApplicationContext> contexts = new ArrayList<>(this.contexts.values());
		Collections.reverse(contexts);
		for (GenericWebApplicationContext context : contexts) {
			if (context.isActive()) {
				context.close();
			}
		}
	}

	@Override
	public String toString() {
		return "MountedApps " + this.mounts;
	}

}
