"""Case texts written for the tests, in the seed's shape but with other numbers of parts."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "content" / "seeds"
SEED_EN = (SEEDS / "paperless-office.en.txt").read_text(encoding="utf-8")
SEED_ZH = (SEEDS / "paperless-office.zh.txt").read_text(encoding="utf-8")

# Three parts; sub-points in parts 1 (two) and 3 (five); Markdown-looking characters that must
# stay text; a "mind map" marker without dashes.
MEETINGS_EN = """\
A county requires every township to report its daily work through three different apps and to
hold a weekly video meeting on the results. Township cadres say they spend more time on
reporting than on residents. How would you handle this?

Reference analysis:

1. The phenomenon. Digital tools were meant to save time. First, apps multiplied because each
department wanted its own data; Second, meetings about the data became routine.
2. The viewpoint is that tools must serve the work, and the *work* is with residents <not> with screens.
3. Countermeasures. First, merge the three apps into one reporting channel. Second, cancel the
weekly meeting unless there is a decision to take. Third, let townships report by exception.
Fourth, count results for residents, not screenshots. Fifth, review the rules after six months.
mind map
"""

# Six parts in Chinese, sub-points separated by "；", one part with four of them.
VILLAGE_ZH = """\
某村为完成上级“清理工作群”的指标，一次性解散了全部工作群，村民反映办事找不到人。对此你怎么看？
参考解析
1. 点明现象。一些地方为减负而“一刀切”解散工作群，影响了群众办事。
2. 提出观点。减负要减的是形式主义，不是为群众服务的渠道。
3. 分析原因。第一，指标脱离实际；第二，领导对政策理解不到位；第三，缺少听取群众意见的环节。
4. 对策建议。第一，面向群众的工作群要保留并规范管理；第二，重复的工作群可以合并；第三，只为打卡截图的工作群应当解散；第四，不以群的数量作为考核指标。
5. 组织实施。由镇党委牵头逐村研究，具体问题具体分析。
6. 总结。精简工作群是手段，为基层减负、为群众服务才是目的。
思维导图
"""
