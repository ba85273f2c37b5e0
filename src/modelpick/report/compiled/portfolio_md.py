# modelpick precompiled template: sha256=c56f2c136bd1f7300e34c8dcbff9676d9f4cb0841030f8f578031a8bb6426705 jinja2=3.1.6
# Generated: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'portfolio.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_p = resolve('p')
    l_0_mermaid = resolve('mermaid')
    l_0_baselines = resolve('baselines')
    l_0_fallbacks = resolve('fallbacks')
    l_0_estate_lines = resolve('estate_lines')
    l_0_sensitivities = resolve('sensitivities')
    try:
        t_1 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_2 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_5 = environment.filters['money']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'money' found.")
    try:
        t_6 = environment.filters['tokens']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'tokens' found.")
    pass
    yield '# LLM portfolio: '
    yield str(environment.finalize(t_4(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'routes'))))
    yield ' workloads\n\nCatalog '
    yield str(environment.finalize(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'catalog_version')))
    yield ' (as of '
    yield str(environment.finalize(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'catalog_as_of')))
    yield '); workloads from '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'file'))))
    yield '.\n'
    yield str(environment.finalize(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'recommended')))
    yield ' of '
    yield str(environment.finalize(t_4(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'routes'))))
    yield ' workloads got a recommendation'
    if environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'errors'):
        pass
        yield '; '
        yield str(environment.finalize(t_4(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'errors'))))
        yield ' could not be read (see [Errors](#errors))'
    yield '.\n\n## Routing\n\n| Workload | Mode | Model | Provider or GPUs | Tokens/month | Monthly cost |\n|---|---|---|---|---:|---:|\n'
    for l_1_r in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'routes'):
        l_1_mode_label = resolve('mode_label')
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_1(environment.getattr(l_1_r, 'workload'))))
        yield ' | '
        yield str(environment.finalize(context.call((undefined(name='mode_label') if l_1_mode_label is missing else l_1_mode_label), environment.getattr(l_1_r, 'mode'), _loop_vars=_loop_vars)))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_r, 'model'))))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_r, 'where'))))
        yield ' | '
        yield str(environment.finalize(t_6(environment.getattr(l_1_r, 'monthly_tokens'))))
        yield ' | '
        yield str(environment.finalize(t_5(environment.getattr(l_1_r, 'monthly_cost_usd'))))
        yield ' |\n'
    l_1_r = l_1_mode_label = missing
    yield '| **Total** | | | | | **'
    yield str(environment.finalize(t_5(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'total_monthly_usd'))))
    yield '** |\n\n## The hybrid stack\n\n```mermaid\n'
    yield str(environment.finalize((undefined(name='mermaid') if l_0_mermaid is missing else l_0_mermaid)))
    yield '```\n\n## Against the baselines\n\n| Baseline | Baseline cost | This portfolio | Savings |\n|---|---:|---:|---:|\n'
    for l_1_b in (undefined(name='baselines') if l_0_baselines is missing else l_0_baselines):
        l_1_percent = resolve('percent')
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_1(environment.getattr(l_1_b, 'description'))))
        yield ' | '
        yield str(environment.finalize(t_5(environment.getattr(l_1_b, 'total_usd'))))
        yield ' | '
        yield str(environment.finalize(t_5(environment.getattr(l_1_b, 'portfolio_usd'))))
        yield ' | '
        yield str(environment.finalize(t_5(environment.getattr(l_1_b, 'savings_usd'))))
        yield ' ('
        yield str(environment.finalize(context.call((undefined(name='percent') if l_1_percent is missing else l_1_percent), environment.getattr(l_1_b, 'savings_fraction'), _loop_vars=_loop_vars)))
        yield ') |\n'
    l_1_b = l_1_percent = missing
    yield '\nEach comparison covers the workloads the baseline can cost; a negative saving means the routed portfolio costs more.\n'
    for l_1_b in (undefined(name='baselines') if l_0_baselines is missing else l_0_baselines):
        _loop_vars = {}
        pass
        yield '\n### '
        yield str(environment.finalize(('Closed frontier' if (environment.getattr(l_1_b, 'kind') == 'closed_frontier') else 'Self-hosted')))
        yield ' baseline\n\n| Workload | Model | Provider or GPUs | Monthly cost | Note |\n|---|---|---|---:|---|\n'
        for l_2_row in environment.getattr(l_1_b, 'rows'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_1(environment.getattr(l_2_row, 'workload'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_row, 'model'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_row, 'where'))))
            yield ' | '
            yield str(environment.finalize(t_5(environment.getattr(l_2_row, 'monthly_cost_usd'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_row, 'note'))))
            yield ' |\n'
        l_2_row = missing
    l_1_b = missing
    yield '\n## Consolidation\n\n'
    if environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'pools'):
        pass
        yield 'Workloads that self-host the same model can share one GPU pool: replicas sized for their summed volume and one operations overhead.\n\n| Model | Workloads | Tokens/month | Shared pool | Separate pools | Savings |\n|---|---|---:|---:|---:|---:|\n'
        for l_1_pool in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'pools'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_1(environment.getattr(l_1_pool, 'model'))))
            yield ' | '
            yield str(environment.finalize(t_1(t_3(context.eval_ctx, environment.getattr(l_1_pool, 'workloads'), ', '))))
            yield ' | '
            yield str(environment.finalize(t_6(environment.getattr(l_1_pool, 'monthly_tokens'))))
            yield ' | '
            yield str(environment.finalize(t_5(environment.getattr(l_1_pool, 'shared_usd'))))
            yield ' ('
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_pool, 'shared'), 'replicas')))
            yield ' x '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_pool, 'shared'), 'gpus_per_replica')))
            yield ' x '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_pool, 'shared'), 'gpu_name')))
            yield ') | '
            yield str(environment.finalize(t_5(environment.getattr(l_1_pool, 'separate_usd'))))
            yield ' | '
            yield str(environment.finalize(t_5(environment.getattr(l_1_pool, 'savings_usd'))))
            yield ' |\n'
        l_1_pool = missing
        yield '\nWith shared pools the portfolio costs **'
        yield str(environment.finalize(t_5(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'total_consolidated_usd'))))
        yield '** a month.\n'
    else:
        pass
        yield 'No two workloads self-host the same model, so there is no GPU pool to share.\n'
    if (undefined(name='fallbacks') if l_0_fallbacks is missing else l_0_fallbacks):
        pass
        yield "\n## Fallbacks\n\nEach workload's documented fallback, costed at the policy's share of its traffic:\n\n"
        for (l_1_name, l_1_lines) in (undefined(name='fallbacks') if l_0_fallbacks is missing else l_0_fallbacks):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(l_1_name))
            yield '**: '
            yield str(environment.finalize(t_3(context.eval_ctx, l_1_lines, '; ')))
            yield '\n'
        l_1_name = l_1_lines = missing
    if (undefined(name='estate_lines') if l_0_estate_lines is missing else l_0_estate_lines):
        pass
        yield '\n## Timeline\n\n'
        for l_1_line in (undefined(name='estate_lines') if l_0_estate_lines is missing else l_0_estate_lines):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(l_1_line))
            yield '\n'
        l_1_line = missing
    if (undefined(name='sensitivities') if l_0_sensitivities is missing else l_0_sensitivities):
        pass
        yield '\n## What would change each decision\n\n'
        for (l_1_name, l_1_lines) in (undefined(name='sensitivities') if l_0_sensitivities is missing else l_0_sensitivities):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(l_1_name))
            yield '**: '
            yield str(environment.finalize(t_3(context.eval_ctx, l_1_lines, '; ')))
            yield '\n'
        l_1_name = l_1_lines = missing
    if environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'errors'):
        pass
        yield '\n## Errors\n\n'
        for l_1_e in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'errors'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(t_2(str_join((environment.getattr(l_1_e, 'file'), (str_join((':', environment.getattr(l_1_e, 'line'), )) if environment.getattr(l_1_e, 'line') else ''), )))))
            yield ' workload **'
            yield str(environment.finalize(environment.getattr(l_1_e, 'workload')))
            yield '**'
            if environment.getattr(l_1_e, 'key'):
                pass
                yield ', key '
                yield str(environment.finalize(t_2(environment.getattr(l_1_e, 'key'))))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_e, 'message')))
            yield '\n'
        l_1_e = missing

blocks = {}
debug_info = '1=54&3=56&4=62&10=72&11=77&13=91&18=93&24=95&25=100&29=112&31=116&35=118&36=122&42=135&47=138&48=142&51=162&55=167&61=170&62=174&65=179&69=182&70=186&73=189&77=192&78=196&81=201&85=204&86=208'
