# modelpick precompiled template: sha256=5274d54ac4c3764ed87b533104d1158815f5bb2f8852b48f55c3c4e7ccc32a3b jinja2=3.1.6
# Generated: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_a = resolve('a')
    l_0_assumed_count = resolve('assumed_count')
    l_0_answers = resolve('answers')
    l_0_nodes = resolve('nodes')
    l_0_filters = resolve('filters')
    l_0_chart = resolve('chart')
    l_0_mode_options = resolve('mode_options')
    l_0_model_options = resolve('model_options')
    l_0_primary = resolve('primary')
    l_0_mode_label = resolve('mode_label')
    l_0_because = resolve('because')
    l_0_rationale_line = resolve('rationale_line')
    l_0_choice_line = resolve('choice_line')
    l_0_trade_offs = resolve('trade_offs')
    l_0_tree_mode_label = resolve('tree_mode_label')
    l_0_advice = resolve('advice')
    l_0_hw = resolve('hw')
    l_0_sizing_lines = resolve('sizing_lines')
    l_0_c = resolve('c')
    l_0_hosted_provider_name = resolve('hosted_provider_name')
    l_0_crossover_verdict = resolve('crossover_verdict')
    l_0_crossover_points = resolve('crossover_points')
    l_0_cost_chart = resolve('cost_chart')
    l_0_chart_legend = resolve('chart_legend')
    l_0_flip = resolve('flip')
    l_0_excluded_models = resolve('excluded_models')
    l_0_consequences = resolve('consequences')
    l_0_risks = resolve('risks')
    l_0_revisit = resolve('revisit')
    l_0_catalog = resolve('catalog')
    l_0_staleness_days = resolve('staleness_days')
    l_0_ci_command = resolve('ci_command')
    l_0_gate_lines = resolve('gate_lines')
    l_0_failover_lines = resolve('failover_lines')
    l_0_timeline_lines = resolve('timeline_lines')
    l_0_links = resolve('links')
    l_0_sources = resolve('sources')
    try:
        t_1 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_2 = environment.filters['count']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'count' found.")
    try:
        t_3 = environment.filters['flag']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'flag' found.")
    try:
        t_4 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_6 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_7 = environment.filters['mode_label']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'mode_label' found.")
    try:
        t_8 = environment.filters['money']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'money' found.")
    try:
        t_9 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_10 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_11 = environment.filters['per_mtok']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'per_mtok' found.")
    try:
        t_12 = environment.filters['target']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'target' found.")
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n## Context and Problem Statement\n\nWhich model, deployed how, for the workload "'
    yield str(environment.finalize(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'workload')))
    yield '"? The table lists every answer.\n'
    if (undefined(name='assumed_count') if l_0_assumed_count is missing else l_0_assumed_count):
        pass
        yield 'The '
        yield str(environment.finalize((undefined(name='assumed_count') if l_0_assumed_count is missing else l_0_assumed_count)))
        yield ' marked *assumed* were not given and took their documented defaults.\n'
    else:
        pass
        yield 'Every answer was given.\n'
    yield '\n| answer | value | given or assumed |\n|---|---|---|\n'
    for l_1_row in (undefined(name='answers') if l_0_answers is missing else l_0_answers):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_1(environment.getattr(l_1_row, 'key'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_row, 'value')))
        yield ' | '
        if environment.getattr(l_1_row, 'assumed'):
            pass
            yield '*assumed*'
        else:
            pass
            yield 'given'
        yield ' |\n'
    l_1_row = missing
    yield '\n## Decision Drivers\n\nThe five questions of the decision tree, always in this order; the first answer that chooses a\ndeployment mode ends the walk.\n\n| node | question | answer | effect |\n|---|---|---|---|\n'
    for l_1_n in (undefined(name='nodes') if l_0_nodes is missing else l_0_nodes):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(l_1_n, 'number')))
        yield ' '
        yield str(environment.finalize(t_1(environment.getattr(l_1_n, 'key'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'question')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'answer')))
        if environment.getattr(l_1_n, 'assumed'):
            pass
            yield ' (*assumed*)'
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'effect')))
        yield ' |\n'
    l_1_n = missing
    yield '\nHard filters remove a model whatever the mode:\n\n| rule | answer or catalog fact | models excluded |\n|---|---|--:|\n'
    for l_1_f in (undefined(name='filters') if l_0_filters is missing else l_0_filters):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'rule'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_f, 'answer')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_f, 'excluded')))
        yield ' |\n'
    l_1_f = missing
    yield '\nThe path through the tree (taken nodes and edges highlighted, the chosen mode in green):\n\n```mermaid\n'
    yield str(environment.finalize((undefined(name='chart') if l_0_chart is missing else l_0_chart)))
    yield '\n```\n\n## Considered Options\n\n'
    for l_1_o in (undefined(name='mode_options') if l_0_mode_options is missing else l_0_mode_options):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_o, 'title')))
        yield ': '
        yield str(environment.finalize(environment.getattr(l_1_o, 'status')))
        yield '\n'
    l_1_o = missing
    for l_1_o in (undefined(name='model_options') if l_0_model_options is missing else l_0_model_options):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_o, 'title')))
        yield ': '
        yield str(environment.finalize(environment.getattr(l_1_o, 'status')))
        yield '\n'
    l_1_o = missing
    yield '\n## Decision Outcome\n\n'
    if (undefined(name='primary') if l_0_primary is missing else l_0_primary):
        pass
        yield 'Chosen option: "'
        yield str(environment.finalize(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'name')))
        yield ' as '
        yield str(environment.finalize((undefined(name='mode_label') if l_0_mode_label is missing else l_0_mode_label)))
        yield '", because '
        yield str(environment.finalize((undefined(name='because') if l_0_because is missing else l_0_because)))
        yield '.\n'
        if (undefined(name='rationale_line') if l_0_rationale_line is missing else l_0_rationale_line):
            pass
            yield '\n'
            yield str(environment.finalize(t_6((undefined(name='rationale_line') if l_0_rationale_line is missing else l_0_rationale_line))))
            yield '\n'
        if (undefined(name='choice_line') if l_0_choice_line is missing else l_0_choice_line):
            pass
            yield '\n'
            yield str(environment.finalize(t_6((undefined(name='choice_line') if l_0_choice_line is missing else l_0_choice_line))))
            yield '.\n'
        if (undefined(name='trade_offs') if l_0_trade_offs is missing else l_0_trade_offs):
            pass
            yield '\nTrade-off: '
            yield str(environment.finalize(t_6(t_4(context.eval_ctx, (undefined(name='trade_offs') if l_0_trade_offs is missing else l_0_trade_offs), '; '))))
            yield '.\n'
    else:
        pass
        yield 'No option is chosen: the tree chose the '
        yield str(environment.finalize((undefined(name='tree_mode_label') if l_0_tree_mode_label is missing else l_0_tree_mode_label)))
        yield ', and no model survives the hard\nfilters there or in any mode these answers allow it to fall back to. Every exclusion is listed\nbelow.\n'
    yield '\n### Costs per provider\n\n'
    if ((undefined(name='primary') if l_0_primary is missing else l_0_primary) and environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'providers')):
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'name')))
        yield ' at each provider in the catalog that serves it, cheapest first, for\n'
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'monthly_tokens'))))
        yield ' tokens a month, '
        yield str(environment.finalize(t_10(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'input_share'))))
        yield ' of them input:\n\n| provider | input $/M | output $/M | blended $/M | per month | zero data retention | SOC 2 | HIPAA | price as of |\n|---|--:|--:|--:|--:|---|---|---|---|\n'
        for l_1_p in environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'providers'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_p, 'provider_name')))
            if environment.getattr(l_1_p, 'estimate'):
                pass
                yield ' (estimate)'
            yield ' | '
            yield str(environment.finalize(t_11(environment.getattr(l_1_p, 'input_per_mtok'))))
            yield ' | '
            yield str(environment.finalize(t_11(environment.getattr(l_1_p, 'output_per_mtok'))))
            yield ' | '
            yield str(environment.finalize(t_11(environment.getattr(l_1_p, 'blended_per_mtok'))))
            yield ' | '
            yield str(environment.finalize(t_8(environment.getattr(l_1_p, 'monthly_cost_usd'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'zero_data_retention'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'soc2'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'hipaa'))))
            yield ' | '
            yield str(environment.finalize(context.call(environment.getattr(environment.getattr(l_1_p, 'as_of'), 'isoformat'), _loop_vars=_loop_vars)))
            yield ' |\n'
        l_1_p = missing
    elif (undefined(name='primary') if l_0_primary is missing else l_0_primary):
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'name')))
        yield ' is self-hosted; no provider price applies to it.\n'
    else:
        pass
        yield 'No model is recommended, so no provider is priced.\n'
    if environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'alternatives'):
        pass
        yield '\nAlternatives, in policy order:\n\n| model | mode | runs on | per month |\n|---|---|---|--:|\n'
        for l_1_c in environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'alternatives'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_c, 'name')))
            yield ' ('
            yield str(environment.finalize(t_1(environment.getattr(l_1_c, 'model'))))
            yield ') | '
            yield str(environment.finalize(t_7(environment.getattr(l_1_c, 'mode'))))
            yield ' | '
            if environment.getattr(l_1_c, 'hardware'):
                pass
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'hardware'), 'replicas')))
                yield ' × '
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'hardware'), 'gpus_per_replica')))
                yield ' × '
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'hardware'), 'gpu_name')))
                yield ' ('
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_c, 'hardware'), 'precision')))
                yield ')'
            elif environment.getattr(l_1_c, 'providers'):
                pass
                yield str(environment.finalize(environment.getattr(environment.getitem(environment.getattr(l_1_c, 'providers'), 0), 'provider_name')))
            else:
                pass
                yield 'no provider priced'
            yield ' | '
            yield str(environment.finalize(t_8(environment.getattr(l_1_c, 'monthly_cost_usd'))))
            yield ' |\n'
        l_1_c = missing
    yield '\n### Self-hosting sizing\n\n'
    if ((undefined(name='primary') if l_0_primary is missing else l_0_primary) and environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'hardware')):
        pass
        l_0_hw = environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'hardware')
        context.vars['hw'] = l_0_hw
        context.exported_vars.add('hw')
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpus_per_replica')))
        yield ' × '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_name'))))
        yield ' at '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'precision')))
        yield ', per replica (the arithmetic of `modelpick size`):\n\n'
        for l_1_line in (undefined(name='sizing_lines') if l_0_sizing_lines is missing else l_0_sizing_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
        yield '* Throughput: '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'throughput_tokens_per_s'))))
        yield ' tokens/s × 3,600 s × '
        yield str(environment.finalize(t_9(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'hours_per_month'))))
        yield ' h × '
        yield str(environment.finalize(t_10(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'utilization'))))
        yield ' mean utilization ('
        yield str(environment.finalize(t_10(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'peak_utilization'))))
        yield ' at a peak '
        yield str(environment.finalize(t_9(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'peak_to_mean'))))
        yield '× the mean) = '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'capacity_tokens_per_month'))))
        yield ' tokens a month per replica.\n* Replicas: ⌈'
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'monthly_tokens'))))
        yield ' ÷ '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'capacity_tokens_per_month'))))
        yield '⌉ = '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'replicas')))
        yield ' (at least one).\n* Cost: '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'replicas')))
        yield ' × '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpus_per_replica')))
        yield ' GPUs × '
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_hourly_usd'))))
        yield '/h ('
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_pricing')))
        yield ', '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'price_tier')))
        yield ': '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'price_provider'))))
        yield ') × '
        yield str(environment.finalize(t_9(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'hours_per_month'))))
        yield ' h = '
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_cost_usd'))))
        yield ', plus '
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'ops_overhead_usd'))))
        yield ' operations for '
        yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'fleet_gpus')))
        yield ' GPUs = **'
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'monthly_cost_usd'))))
        yield ' a month**.\n'
        if environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'estimates'):
            pass
            yield '\nEstimates in these figures:\n\n'
            for l_1_item in environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'estimates'):
                _loop_vars = {}
                pass
                yield '* '
                yield str(environment.finalize(l_1_item))
                yield '\n'
            l_1_item = missing
    elif (undefined(name='primary') if l_0_primary is missing else l_0_primary):
        pass
        yield 'Not sized: '
        yield str(environment.finalize(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'name')))
        yield ' runs as the '
        yield str(environment.finalize((undefined(name='mode_label') if l_0_mode_label is missing else l_0_mode_label)))
        yield '.\n'
    else:
        pass
        yield 'Not sized: no model is recommended.\n'
    yield '\n### Crossover\n\n'
    if environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'crossover'):
        pass
        l_0_c = environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'crossover')
        context.vars['c'] = l_0_c
        context.exported_vars.add('c')
        yield 'Self-hosting '
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'self_hosted_model'))))
        yield ' costs ⌈volume ÷ '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'replica_capacity_tokens'))))
        yield '⌉ replicas × '
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'replica_monthly_usd'))))
        yield " plus operations (the policy's floor, then engineers per GPU; "
        yield str(environment.finalize(t_8(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'ops_overhead_usd'))))
        yield ' at this volume).\nHosted, '
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'hosted_model'))))
        yield ' at '
        yield str(environment.finalize(((undefined(name='hosted_provider_name') if l_0_hosted_provider_name is missing else l_0_hosted_provider_name) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'hosted_provider'))))
        yield ' costs volume × '
        yield str(environment.finalize(t_11(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'hosted_blended_per_mtok'))))
        yield ' per million tokens.\n\n'
        yield str(environment.finalize(t_6((undefined(name='crossover_verdict') if l_0_crossover_verdict is missing else l_0_crossover_verdict))))
        yield '\n\nWhat would change it, at this volume:\n\n'
        for l_1_line in (undefined(name='crossover_points') if l_0_crossover_points is missing else l_0_crossover_points):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
        yield '\n'
        yield str(environment.finalize((undefined(name='cost_chart') if l_0_cost_chart is missing else l_0_cost_chart)))
        yield '\n\n'
        yield str(environment.finalize(t_6((undefined(name='chart_legend') if l_0_chart_legend is missing else l_0_chart_legend))))
        yield '\n'
    else:
        pass
        yield 'Not computed: '
        yield str(environment.finalize((undefined(name='flip') if l_0_flip is missing else l_0_flip)))
        yield '.\n'
    yield '\n### Excluded models\n\n'
    if environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'excluded'):
        pass
        yield str(environment.finalize(t_5((undefined(name='excluded_models') if l_0_excluded_models is missing else l_0_excluded_models))))
        yield ' model(s) excluded by hard filters; a model may fail more than one rule.\n\n| model | rule | reason |\n|---|---|---|\n'
        for l_1_e in environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'excluded'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_1(environment.getattr(l_1_e, 'model'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_1_e, 'rule'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'scope')))
            yield str(environment.finalize(environment.getattr(l_1_e, 'reason')))
            yield ' |\n'
        l_1_e = missing
    else:
        pass
        yield 'No model was excluded by a hard filter.\n'
    yield '\n### Consequences\n\n'
    for l_1_p in (undefined(name='consequences') if l_0_consequences is missing else l_0_consequences):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_p, 'kind')))
        yield ', because '
        yield str(environment.finalize(environment.getattr(l_1_p, 'text')))
        yield '\n'
    l_1_p = missing
    yield '\n### Risks\n\n'
    for l_1_r in (undefined(name='risks') if l_0_risks is missing else l_0_risks):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(l_1_r))
        yield '\n'
    l_1_r = missing
    yield '\n### Confirmation\n\n* Revisit by **'
    yield str(environment.finalize((undefined(name='revisit') if l_0_revisit is missing else l_0_revisit)))
    yield '**: the catalog is dated '
    yield str(environment.finalize(context.call(environment.getattr(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'as_of'), 'isoformat'))))
    yield " and its policy's staleness limit is "
    yield str(environment.finalize((undefined(name='staleness_days') if l_0_staleness_days is missing else l_0_staleness_days)))
    yield ' days.\n* Volume: '
    yield str(environment.finalize((undefined(name='flip') if l_0_flip is missing else l_0_flip)))
    yield '.\n* In CI, '
    yield str(environment.finalize(t_1((undefined(name='ci_command') if l_0_ci_command is missing else l_0_ci_command))))
    yield ' re-runs the recorded answers against the current catalog and exits 1 when an accepted record would now be decided differently.\n'
    if (undefined(name='gate_lines') if l_0_gate_lines is missing else l_0_gate_lines):
        pass
        yield '\nBefore switching to it, pass the eval gate: '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_rule'))))
        yield '.\n\n'
        for l_1_line in (undefined(name='gate_lines') if l_0_gate_lines is missing else l_0_gate_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
        if environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_practice'):
            pass
            yield '\nHow to run it: '
            yield str(environment.finalize(t_6(t_4(context.eval_ctx, environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_practice'), '; '))))
            yield '.\n'
    if (undefined(name='failover_lines') if l_0_failover_lines is missing else l_0_failover_lines):
        pass
        yield '\n### Fallback\n\n'
        for l_1_line in (undefined(name='failover_lines') if l_0_failover_lines is missing else l_0_failover_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
    if (undefined(name='timeline_lines') if l_0_timeline_lines is missing else l_0_timeline_lines):
        pass
        yield '\n### Timeline\n\n'
        for l_1_line in (undefined(name='timeline_lines') if l_0_timeline_lines is missing else l_0_timeline_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
    yield '\n## Pros and Cons of the Options\n\n'
    for l_1_o in ((undefined(name='mode_options') if l_0_mode_options is missing else l_0_mode_options) + (undefined(name='model_options') if l_0_model_options is missing else l_0_model_options)):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(l_1_o, 'title')))
        yield '\n\nOutcome: '
        yield str(environment.finalize(environment.getattr(l_1_o, 'status')))
        yield '.\n\n'
        for l_2_p in environment.getattr(l_1_o, 'points'):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(environment.getattr(l_2_p, 'kind')))
            yield ', because '
            yield str(environment.finalize(environment.getattr(l_2_p, 'text')))
            yield '\n'
        l_2_p = missing
        yield '\n'
    l_1_o = missing
    yield from context.blocks['sensitivity'][0](context)
    yield '\n## More Information\n\n'
    if (undefined(name='links') if l_0_links is missing else l_0_links):
        pass
        for l_1_link in (undefined(name='links') if l_0_links is missing else l_0_links):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(environment.getattr(l_1_link, 'text')))
            yield ': ['
            yield str(environment.finalize(environment.getattr(l_1_link, 'target')))
            yield ']('
            yield str(environment.finalize(t_12(environment.getattr(l_1_link, 'target'))))
            yield ')\n'
        l_1_link = missing
        yield '\n'
    yield 'Sources the recommendation rests on:\n\n| source | title | publisher | where | date |\n|---|---|---|---|---|\n'
    for l_1_s in (undefined(name='sources') if l_0_sources is missing else l_0_sources):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_1(environment.getattr(l_1_s, 'id'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_s, 'title')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_s, 'publisher')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_s, 'where')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_s, 'date')))
        yield ' |\n'
    l_1_s = missing
    yield '\nCatalog '
    yield str(environment.finalize(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'version')))
    yield ' (schema '
    yield str(environment.finalize(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'schema_version')))
    yield '), as of '
    yield str(environment.finalize(context.call(environment.getattr(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'as_of'), 'isoformat'))))
    yield '.\n'

def block_sensitivity(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_sensitivity = resolve('sensitivity')
    try:
        t_13 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    if (not t_13((undefined(name='sensitivity') if l_0_sensitivity is missing else l_0_sensitivity))):
        pass
        yield '## What would change this decision\n\n'
        for l_1_item in (undefined(name='sensitivity') if l_0_sensitivity is missing else l_0_sensitivity):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(l_1_item))
            yield '\n'
        l_1_item = missing

blocks = {'sensitivity': block_sensitivity}
debug_info = '4=122&8=124&9=126&10=129&17=135&18=139&28=152&29=156&36=171&37=175&43=183&48=185&49=189&51=194&52=198&57=204&58=207&59=213&61=216&63=218&65=221&67=223&69=226&72=231&79=234&80=236&81=238&85=242&86=246&88=268&89=270&93=275&99=278&100=282&106=309&107=311&108=314&110=320&111=324&113=328&114=340&115=346&116=368&120=371&121=375&124=378&125=381&132=389&133=391&134=395&135=403&137=409&141=411&142=415&145=419&147=421&149=426&154=429&155=431&159=433&160=437&168=449&169=453&174=459&175=463&180=467&181=473&182=475&183=477&185=480&187=482&188=486&190=489&192=492&195=494&199=497&200=501&203=504&207=507&208=511&214=515&215=519&217=521&219=523&220=527&227=534&239=536&240=538&241=542&249=551&250=555&253=567&227=574&228=589&231=592&232=596'
