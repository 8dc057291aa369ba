package com.example.shop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import dev.flagon.Flagon;
import dev.flagon.context.G;
import dev.flagon.session.FlagonSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReportController {

	// A plain pool: its thread has no context unless the task carries one
	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@GetMapping("/report")
	List<String> report(G g, FlagonSession session) throws Exception {
		g.set("log", new StringBuffer());
		session.put("theme", "dark");

		// Tasks that return a value: a lambda, a block lambda, a method reference
		Future<String> lambda = this.executor.submit(Flagon.copyCurrentContext(() -> compute()));
		Future<String> block = this.executor.submit(Flagon.copyCurrentContext(() -> {
			return compute();
		}));
		Future<String> reference = this.executor.submit(Flagon.copyCurrentContext(this::compute));
		CompletableFuture<String> async = CompletableFuture.supplyAsync(Flagon.copyCurrentContext(() -> compute()),
				this.executor);
		CompletableFuture<String> asyncBlock = CompletableFuture.supplyAsync(Flagon.copyCurrentContext(() -> {
			return compute();
		}), this.executor);
		CompletableFuture<String> asyncReference = CompletableFuture.supplyAsync(Flagon.copyCurrentContext(this::compute),
				this.executor);

		// Tasks that return nothing
		this.executor.submit(Flagon.copyCurrentContext(() -> work()));
		this.executor.submit(Flagon.copyCurrentContext(this::work));
		this.executor.execute(Flagon.copyCurrentContext(() -> work()));
		this.executor.execute(Flagon.copyCurrentContext(this::work));
		CompletableFuture.runAsync(Flagon.copyCurrentContext(() -> work()), this.executor);
		CompletableFuture.runAsync(Flagon.copyCurrentContext(this::work), this.executor).join();   // one thread: all ran

		return List.of(lambda.get(), block.get(), reference.get(), async.join(), asyncBlock.join(),
				asyncReference.join(), g.get("log").toString());
	}

	String compute() {
		return Flagon.currentApp().getName() + " " + Flagon.session().get("theme") + " " + Flagon.hasRequestContext();
	}

	void work() {
		Flagon.g().get("log", StringBuffer.class).append(compute()).append(';');   // the request's own g
	}

	@PreDestroy
	void shutdown() {
		this.executor.shutdown();
	}

}
